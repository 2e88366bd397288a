import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { EMBEDDED_THREAD } from "../paths.js";

export interface EmbeddedPostgres {
  /**
   * A postgres:// URL that reaches PGlite through its unix socket. A client must also send
   * `ownerName` as its application_name, or it is refused: PGlite is one session, and it
   * belongs to the process that started it.
   */
  url: string;
  /** The application_name that marks this process's own connections. */
  ownerName: string;
  close(): Promise<void>;
  /** The data dir as a tarball (PGlite's dumpDataDir); see control/backup.ts for consistency. */
  dump(): Promise<Uint8Array>;
}

export interface EmbeddedOptions {
  /** A tarball from dump(): the data dir is created from it (it must not exist yet). */
  loadDataDir?: Uint8Array;
}

export interface EmbeddedEvents {
  /** The thread died after start-up; queries then fail as "database unavailable". */
  onCrash?: (err: Error) => void;
  /** Something an operator may want to know (an outside client refused, a failed reset). */
  onWarning?: (message: string) => void;
}

/** What the thread sends; see embedded-thread.mjs. */
type ThreadMessage =
  | { event: "ready" }
  | { event: "failed"; error: string }
  | { event: "warning"; message: string }
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; error: string };

/**
 * Starts PGlite with its data in `dataDir` (or in memory) on a thread of its own, and serves
 * it on a unix socket in a private temp folder, so the app reaches it through `pg` exactly
 * as it would reach PostgreSQL, nothing on the network can, and SQL never runs on the
 * event loop.
 *
 * PGlite is one session: the socket serves one connection at a time, the owner's, and resets
 * the session between connections (embedded-session.mjs); the pool that uses it must have
 * max 1 (interleaved transactions would share a session).
 */
export async function startEmbeddedPostgres(
  dataDir: string | "memory",
  events: EmbeddedEvents = {},
  options: EmbeddedOptions = {},
): Promise<EmbeddedPostgres> {
  const socketDir = mkdtempSync(join(tmpdir(), "gatehouse-pg-"));
  const port = 5432;
  const ownerName = `gatehouse-${randomBytes(16).toString("hex")}`;
  const worker = new Worker(EMBEDDED_THREAD, {
    workerData: {
      dataDir: dataDir === "memory" ? null : join(dataDir, "pg"),
      socketPath: join(socketDir, `.s.PGSQL.${port}`),
      ownerName,
      loadDataDir: options.loadDataDir,
    },
    // Loaders such as tsx are for our TypeScript; the thread is plain JavaScript.
    execArgv: [],
  });
  let closing = false;
  // One process per data directory is openDatabase's lock (control/lock.ts), taken before this.
  const cleanUp = () => rmSync(socketDir, { recursive: true, force: true });
  const replies = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  let nextId = 1;
  let exited = false;
  worker.on("message", (m: ThreadMessage) => {
    if ("id" in m) {
      const reply = replies.get(m.id);
      replies.delete(m.id);
      if (m.ok) reply?.resolve(m.result);
      else reply?.reject(new Error(m.error));
    } else if (m.event === "warning") events.onWarning?.(m.message);
  });
  worker.on("exit", () => {
    exited = true;
    for (const reply of replies.values()) reply.reject(new Error("the embedded database stopped"));
    replies.clear();
  });
  /** Asks the thread to do `type` (a handler in embedded-thread.mjs) and waits for its answer. */
  const request = (type: string, args: Record<string, unknown> = {}): Promise<unknown> =>
    new Promise((resolve, reject) => {
      if (exited) return reject(new Error("the embedded database stopped"));
      const id = nextId++;
      replies.set(id, { resolve, reject });
      worker.postMessage({ id, type, ...args });
    });

  const started = new Promise<void>((resolve, reject) => {
    const onMessage = (m: ThreadMessage) => {
      if ("id" in m || m.event === "warning") return;
      worker.off("message", onMessage);
      if (m.event === "ready") resolve();
      else reject(new Error(m.error));
    };
    worker.on("message", onMessage);
    worker.once("error", reject);
    worker.once("exit", (code) =>
      reject(new Error(`the embedded database stopped during start-up (exit ${code})`)),
    );
  });
  try {
    await started;
  } catch (err) {
    await worker.terminate();
    cleanUp();
    throw err;
  }
  worker.on("error", (err) => events.onCrash?.(err));
  worker.on("exit", (code) => {
    if (!closing) events.onCrash?.(new Error(`the embedded database thread exited (${code})`));
  });
  const url = `postgres://postgres@localhost:${port}/postgres?host=${encodeURIComponent(socketDir)}`;
  return {
    url,
    ownerName,
    async close() {
      if (closing) return;
      closing = true;
      // A thread that already died has nothing to close; its exit is all there is to wait for.
      await request("close").catch(() => {});
      await worker.terminate();
      cleanUp();
    },
    async dump() {
      // PGlite tars the data dir under its query lock, so no statement runs meanwhile.
      const dumped = (await request("dump")) as ArrayBuffer;
      return new Uint8Array(dumped);
    },
  };
}
