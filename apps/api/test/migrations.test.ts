import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { schemaVersion } from "../src/db/schema-version.js";
import { startTestServer, type TestServer } from "./helpers/test-server.js";

// Limits for hangs only: PGlite start and a full undo/redo are slow on a loaded machine.
const SLOW = 180_000;

describe("migrations", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  }, SLOW);
  afterAll(() => server?.close());

  it(
    "leave nothing for the entities to change (entities and migrations agree)",
    async () => {
      const ds = server.app.database.dataSource;
      expect(await ds.showMigrations()).toBe(false);
      const pending = await ds.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((q) => q.query)).toEqual([]);
    },
    SLOW,
  );

  it(
    "can be undone and re-applied",
    async () => {
      const ds = server.app.database.dataSource;
      const count = ds.migrations.length;
      for (let i = 0; i < count; i++) await ds.undoLastMigration({ transaction: "each" });
      expect(await ds.showMigrations()).toBe(true);
      await ds.runMigrations({ transaction: "each" });
      expect(await ds.showMigrations()).toBe(false);
    },
    SLOW,
  );

  it(
    "a running instance is not ready while a newer Gatehouse's migration is in the database",
    async () => {
      const ds = server.app.database.dataSource;
      const readyz = async () => (await fetch(`${server.url}/readyz`)).status;
      expect(await readyz()).toBe(200);
      const future = "FromTheFuture1899999999999";
      // What a newer instance sharing the database leaves behind when it migrates.
      await ds.query(`INSERT INTO "migrations" ("timestamp", "name") VALUES ($1, $2)`, [
        1899999999999,
        future,
      ]);
      try {
        expect(await schemaVersion(ds)).toEqual({ pending: [], unknown: [future] });
        expect(await readyz()).toBe(503);
      } finally {
        await ds.query(`DELETE FROM "migrations" WHERE "name" = $1`, [future]);
      }
      expect(await readyz()).toBe(200);
    },
    SLOW,
  );
});
