// The embedded database's own thread: PGlite (PostgreSQL compiled to WebAssembly) runs every
// statement synchronously on the thread that owns it. Here, that is not the event loop, so
// HTTP and GraphQL work goes on on one core while SQL runs on another.
// Plain JavaScript on purpose: a worker thread does not inherit the TypeScript loader in
// every host (vitest, tsx, plain node), and this file needs no types.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { parentPort, workerData } from "node:worker_threads";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

const { dataDir, socketPath, template } = workerData;

try {
  // pg_trgm backs the users search indexes, as it does on PostgreSQL.
  const extensions = { pg_trgm };
  let db;
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    db = await PGlite.create(dataDir, { extensions });
  } else if (template) {
    // Tests: start from a migrated database dumped earlier (skips initdb and the migrations).
    db = await PGlite.create({ extensions, loadDataDir: new Blob([readFileSync(template)]) });
  } else {
    db = await PGlite.create({ extensions });
  }
  // One session: PGlite is a single backend, so the socket takes one connection.
  const server = new PGLiteSocketServer({ db, path: socketPath, maxConnections: 1 });
  await server.start();
  parentPort.on("message", async (message) => {
    if (message?.dump) {
      const dump = await db.dumpDataDir("none");
      writeFileSync(message.dump, Buffer.from(await dump.arrayBuffer()));
      parentPort.postMessage({ dumped: true });
      return;
    }
    if (message !== "close") return;
    await server.stop();
    await db.close();
    parentPort.postMessage({ closed: true });
    parentPort.close();
  });
  parentPort.postMessage({ ready: true });
} catch (err) {
  parentPort.postMessage({ error: err instanceof Error ? err.message : String(err) });
  parentPort.close();
}
