import { randomBytes } from "node:crypto";
import pg from "pg";
/** The PostgreSQL the suite runs against, or undefined for embedded PGlite. */
export const ADMIN_DATABASE_URL = process.env.DATABASE_URL || undefined;
export const usingPostgres = ADMIN_DATABASE_URL !== undefined;
/**
 * A fresh, empty database on the test PostgreSQL, so each test server starts clean
 * and files can run in parallel. Returns its URL and a drop function.
 */
export async function createScratchDatabase() {
  if (!ADMIN_DATABASE_URL) throw new Error("createScratchDatabase needs DATABASE_URL");
  const name = `gh_test_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: ADMIN_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const u = new URL(ADMIN_DATABASE_URL);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: ADMIN_DATABASE_URL });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
//# sourceMappingURL=database.js.map
