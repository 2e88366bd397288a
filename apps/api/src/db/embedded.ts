import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

export interface EmbeddedPostgres {
  /** A postgres:// URL that reaches PGlite through its unix socket. */
  url: string;
  close(): Promise<void>;
}

/**
 * Starts PGlite with its data in `dataDir` (or in memory) and serves it on a unix
 * socket in a private temp folder, so the app reaches it through `pg` exactly as it
 * would reach PostgreSQL, and nothing on the network can.
 *
 * PGlite is one session: the socket server accepts one connection, and the pool
 * that uses it must have max 1 (interleaved transactions would share a session).
 */
export async function startEmbeddedPostgres(dataDir: string | "memory"): Promise<EmbeddedPostgres> {
  // pg_trgm backs the users search indexes, as it does on PostgreSQL.
  const extensions = { pg_trgm };
  let db: PGlite;
  if (dataDir === "memory") {
    db = await PGlite.create({ extensions });
  } else {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    db = await PGlite.create(join(dataDir, "pg"), { extensions });
  }
  const socketDir = mkdtempSync(join(tmpdir(), "gatehouse-pg-"));
  const port = 5432;
  const server = new PGLiteSocketServer({
    db,
    path: join(socketDir, `.s.PGSQL.${port}`),
    maxConnections: 1,
  });
  await server.start();
  const url = `postgres://postgres@localhost:${port}/postgres?host=${encodeURIComponent(socketDir)}`;
  return {
    url,
    async close() {
      await server.stop();
      await db.close();
      rmSync(socketDir, { recursive: true, force: true });
    },
  };
}
