import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";

export interface EmbeddedPostgres {
  /** A postgres:// URL that reaches PGlite through its unix socket. */
  url: string;
  /** Tests: write the database's files to a tarball, a template for later in-memory starts. */
  dump(path: string): Promise<void>;
  close(): Promise<void>;
}

type ThreadMessage = { ready: true } | { closed: true } | { dumped: true } | { error: string };

/**
 * Starts PGlite with its data in `dataDir` (or in memory) on a thread of its own, and serves
 * it on a unix socket in a private temp folder, so the app reaches it through `pg` exactly
 * as it would reach PostgreSQL, nothing on the network can, and SQL never runs on the
 * event loop.
 *
 * PGlite is one session: the socket server accepts one connection, and the pool
 * that uses it must have max 1 (interleaved transactions would share a session).
 *
 * `onCrash` hears about the thread dying after start-up; queries then fail as "database
 * unavailable" and /readyz turns 503.
 */
export async function startEmbeddedPostgres(
  dataDir: string | "memory",
  onCrash?: (err: Error) => void,
  /** Tests: an in-memory database starts as a copy of this dump (see `dump`). */
  template?: string,
): Promise<EmbeddedPostgres> {
  const socketDir = mkdtempSync(join(tmpdir(), "gatehouse-pg-"));
  const port = 5432;
  const worker = new Worker(new URL("./embedded-thread.mjs", import.meta.url), {
    workerData: {
      dataDir: dataDir === "memory" ? null : join(dataDir, "pg"),
      socketPath: join(socketDir, `.s.PGSQL.${port}`),
      template: dataDir === "memory" ? template : undefined,
    },
    // Loaders such as tsx are for our TypeScript; the thread is plain JavaScript.
    execArgv: [],
  });
  let closing = false;
  const cleanUp = () => rmSync(socketDir, { recursive: true, force: true });
  const started = new Promise<void>((resolve, reject) => {
    worker.once("message", (m: ThreadMessage) =>
      "error" in m ? reject(new Error(m.error)) : resolve(),
    );
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
  worker.on("error", (err) => onCrash?.(err));
  worker.on("exit", (code) => {
    if (!closing) onCrash?.(new Error(`the embedded database thread exited (${code})`));
  });
  const url = `postgres://postgres@localhost:${port}/postgres?host=${encodeURIComponent(socketDir)}`;
  return {
    url,
    async dump(path) {
      const dumped = new Promise<void>((resolve) => {
        const onMessage = (m: ThreadMessage) => {
          if (!("dumped" in m)) return;
          worker.off("message", onMessage);
          resolve();
        };
        worker.on("message", onMessage);
      });
      worker.postMessage({ dump: path });
      await dumped;
    },
    async close() {
      if (closing) return;
      closing = true;
      const closed = new Promise<void>((resolve) => {
        worker.on("message", (m: ThreadMessage) => "closed" in m && resolve());
        worker.once("exit", () => resolve());
      });
      worker.postMessage("close");
      await closed;
      await worker.terminate();
      cleanUp();
    },
  };
}
