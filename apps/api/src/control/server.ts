import { chmodSync, rmSync } from "node:fs";
import { createServer, type Socket } from "node:net";
import type { CommandContext, CommandIo } from "../cli/command.js";
import { failureOf } from "../cli/command.js";
import { controlCommand } from "../cli/registry.js";
import type { Logger } from "../logger.js";
import { MAX_REQUEST_BYTES, PROTOCOL, readLines, send, socketPathFor } from "./protocol.js";

/** The request must follow the hello promptly; a silent client is dropped. */
const REQUEST_TIMEOUT_MS = 10_000;
/** Backups travel in pieces of this many bytes (before base64). */
const DATA_CHUNK = 512 * 1024;

export interface ControlServer {
  path: string;
  /** Stops accepting, waits for running commands, removes the socket. */
  close(): Promise<void>;
}

/**
 * Serves CLI commands inside the running server, on <data dir>/gatehouse.sock. Only the
 * embedded database needs it (PGlite is one process per data dir); the caller holds the data
 * dir's lock, so a socket file already there is a dead server's and is replaced.
 */
export async function startControlServer(
  ctx: CommandContext,
  dataDir: string,
  logger: Logger,
): Promise<ControlServer | null> {
  const path = socketPathFor(dataDir);
  if (!path) {
    logger.warn(
      { dataDir },
      "GATEHOUSE_DATA_DIR's path is too long for a unix socket: CLI commands cannot reach this server and will refuse while it runs",
    );
    return null;
  }
  rmSync(path, { force: true });
  const running = new Set<Promise<void>>();
  const server = createServer((socket) => {
    const job = serve(ctx, socket, logger).catch((err) =>
      logger.error({ err }, "control command failed"),
    );
    running.add(job);
    void job.finally(() => running.delete(job));
  });
  // Created private (umask), then made sure of (chmod): nobody else may connect, ever.
  const umask = process.umask(0o177);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(path, () => resolve());
    });
  } finally {
    process.umask(umask);
  }
  chmodSync(path, 0o600);
  return {
    path,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.allSettled([...running]);
    },
  };
}

function serve(ctx: CommandContext, socket: Socket, logger: Logger): Promise<void> {
  return new Promise((resolve) => {
    let started = false;
    const timer = setTimeout(() => socket.destroy(), REQUEST_TIMEOUT_MS);
    socket.on("error", () => {});
    socket.on("close", () => {
      clearTimeout(timer);
      if (!started) resolve();
    });
    send(socket, { hello: PROTOCOL, pid: process.pid });
    readLines(
      socket,
      MAX_REQUEST_BYTES,
      (line) => {
        if (started) return;
        started = true;
        clearTimeout(timer);
        void run(ctx, socket, line, logger).finally(() => {
          socket.end();
          resolve();
        });
      },
      () => socket.destroy(),
    );
  });
}

async function run(ctx: CommandContext, socket: Socket, line: string, logger: Logger) {
  const io: CommandIo & { data(bytes: Uint8Array): void } = {
    out: (text) => send(socket, { out: text }),
    err: (text) => send(socket, { err: text }),
    data(bytes) {
      for (let i = 0; i < bytes.length; i += DATA_CHUNK)
        send(socket, { data: Buffer.from(bytes.subarray(i, i + DATA_CHUNK)).toString("base64") });
    },
  };
  let name = "(unreadable)";
  try {
    const request = JSON.parse(line) as { command?: unknown; args?: unknown };
    name = String(request.command);
    const entry = controlCommand(name);
    if (!entry) throw new Error(`this server does not run "${name}" for the CLI`);
    // Never the arguments: they may hold a password.
    logger.info({ command: name }, "running a CLI command for the local control socket");
    const code = await entry.run(ctx, entry.parse(request.args), io);
    send(socket, { exit: code });
  } catch (err) {
    const failure = failureOf(err);
    io.err(`gatehouse: ${failure.message}\n`);
    send(socket, { exit: failure.exitCode });
    logger.info({ command: name, exitCode: failure.exitCode }, "CLI command ended with an error");
  }
}
