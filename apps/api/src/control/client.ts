import { existsSync } from "node:fs";
import { connect } from "node:net";
import type { CommandIo } from "../cli/command.js";
import { type ControlReply, PROTOCOL, readLines, send, socketPathFor } from "./protocol.js";

/** How long a server that accepted the connection has to say hello. */
const HELLO_TIMEOUT_MS = 5_000;
/** Reply lines carry at most a chunk of a backup; anything far bigger is not our server. */
const MAX_REPLY_BYTES = 16 * 1024 * 1024;

/** The data dir has no live server: the socket is missing or stale (nobody listens). */
export const NO_SERVER = null;

/**
 * Runs a command inside the server that holds the data dir, through its control socket, and
 * relays what it prints. Resolves with the command's exit code, or NO_SERVER when no server
 * listens there (then the caller may open the database itself). A server that accepts but
 * does not answer, or goes away mid-command, ends in one line and exit code 2.
 */
export function callServer(
  dataDir: string,
  command: string,
  args: unknown,
  io: CommandIo & { data?(bytes: Buffer): void },
): Promise<number | null> {
  const path = socketPathFor(dataDir);
  if (!path || !existsSync(path)) return Promise.resolve(NO_SERVER);
  return new Promise((resolve) => {
    let settled = false;
    let greeted = false;
    const finish = (code: number | null, message?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(helloTimer);
      socket.destroy();
      if (message) io.err(`gatehouse: ${message}\n`);
      resolve(code);
    };
    const socket = connect(path);
    const helloTimer = setTimeout(
      () =>
        finish(
          2,
          `a server holds ${dataDir} but did not answer on ${path} within ${HELLO_TIMEOUT_MS / 1000} s; nothing was done. Check that it is healthy (or stop it) and try again.`,
        ),
      HELLO_TIMEOUT_MS,
    );
    socket.on("error", (err: NodeJS.ErrnoException) => {
      if (!greeted && (err.code === "ENOENT" || err.code === "ECONNREFUSED"))
        return finish(NO_SERVER);
      if (err.code === "EACCES")
        return finish(
          2,
          `permission denied on ${path}: run gatehouse as the OS user that runs the server.`,
        );
      finish(
        2,
        `the control socket ${path} failed (${err.code ?? err.message}); nothing is known to be done.`,
      );
    });
    socket.on("close", () =>
      finish(
        2,
        greeted
          ? "the server closed the connection before the command finished (did it stop?); check its log."
          : `a server holds ${dataDir} but closed ${path} without answering; nothing was done.`,
      ),
    );
    readLines(
      socket,
      MAX_REPLY_BYTES,
      (line) => {
        let m: ControlReply;
        try {
          m = JSON.parse(line) as ControlReply;
        } catch {
          return finish(2, `${path} answered something that is not a Gatehouse server.`);
        }
        if ("hello" in m) {
          if (m.hello !== PROTOCOL)
            return finish(
              2,
              `the server on ${path} speaks ${m.hello}, not ${PROTOCOL}; use the gatehouse that runs it.`,
            );
          greeted = true;
          clearTimeout(helloTimer);
          send(socket, { command, args });
        } else if ("out" in m) io.out(m.out);
        else if ("err" in m) io.err(m.err);
        else if ("data" in m) io.data?.(Buffer.from(m.data, "base64"));
        else if ("exit" in m) finish(m.exit);
      },
      () => finish(2, `${path} sent more than expected; not a Gatehouse server?`),
    );
  });
}

/** True when a server answers on the data dir's control socket (it says hello). */
export function serverAnswers(dataDir: string): Promise<boolean> {
  const path = socketPathFor(dataDir);
  if (!path || !existsSync(path)) return Promise.resolve(false);
  return new Promise((resolve) => {
    const socket = connect(path);
    const done = (answer: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(answer);
    };
    const timer = setTimeout(() => done(true), HELLO_TIMEOUT_MS);
    // Something accepted: a server, even a stuck one. Only "nobody listens" means no server.
    socket.on("error", (err: NodeJS.ErrnoException) =>
      done(err.code !== "ENOENT" && err.code !== "ECONNREFUSED"),
    );
    socket.once("data", () => done(true));
  });
}
