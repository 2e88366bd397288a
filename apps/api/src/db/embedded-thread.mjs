// The embedded database's own thread: PGlite (PostgreSQL compiled to WebAssembly) runs every
// statement synchronously on the thread that owns it. Here, that is not the event loop, so
// HTTP and GraphQL work goes on on one core while SQL runs on another.
// Plain JavaScript on purpose: a worker thread does not inherit the TypeScript loader in
// every host (vitest, tsx, plain node), and this file needs no types.
//
// Talking to the parent (embedded.ts):
//   thread -> parent, unasked:  { event: "ready" } | { event: "failed", error }
//                               | { event: "warning", message }
//   parent -> thread, a request: { id, type, ...args }
//   thread -> parent, the reply: { id, ok: true, result } | { id, ok: false, error }
// To add a request (a backup, say): a handler in `requests` below and a method in
// embedded.ts that calls it. A handler that needs the session quiet wraps its work in
// `session.whenIdle(fn)`: no statement runs and no transaction is open while fn runs.
import { mkdirSync } from "node:fs";
import { parentPort, workerData } from "node:worker_threads";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { serveSession } from "./embedded-session.mjs";

const { dataDir, socketPath, ownerName, loadDataDir } = workerData;

async function start() {
  // pg_trgm backs the users search indexes, as it does on PostgreSQL.
  const extensions = { pg_trgm };
  // Restore (a fresh data dir), or tests (an in-memory copy of a migrated database): PGlite
  // starts from a dumped tarball instead of initdb.
  const load = loadDataDir ? { loadDataDir: new Blob([loadDataDir]) } : {};
  let db;
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    db = await PGlite.create(dataDir, { extensions, ...load });
  } else {
    db = await PGlite.create({ extensions, ...load });
  }
  const warn = (message) => parentPort.postMessage({ event: "warning", message });
  const session = await serveSession({ db, socketPath, ownerName, warn });
  return { db, session };
}

/** Request handlers: each gets the running database and the request's fields. */
const requests = {
  async close({ db, session }) {
    await session.stop();
    await db.close();
    // Nothing more to answer after this one.
    setImmediate(() => parentPort.close());
  },
  // Backups: PGlite tars the data dir under its query lock, so no statement runs meanwhile.
  async dump({ db }) {
    const file = await db.dumpDataDir("none");
    return await file.arrayBuffer();
  },
};

try {
  const running = await start();
  parentPort.on("message", async ({ id, type, ...args }) => {
    const handler = Object.hasOwn(requests, type) ? requests[type] : undefined;
    try {
      if (!handler) throw new Error(`unknown request ${JSON.stringify(type)}`);
      parentPort.postMessage({ id, ok: true, result: await handler(running, args) });
    } catch (err) {
      parentPort.postMessage({
        id,
        ok: false,
        error: err instanceof Error ? err.message : String(err),
      });
    }
  });
  parentPort.postMessage({ event: "ready" });
} catch (err) {
  parentPort.postMessage({
    event: "failed",
    error: err instanceof Error ? err.message : String(err),
  });
  parentPort.close();
}
