import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "./helpers/test-server.js";

describe("migrations", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.close());

  it("leave nothing for the entities to change (entities and migrations agree)", async () => {
    const ds = server.app.database.dataSource;
    expect(await ds.showMigrations()).toBe(false);
    const pending = await ds.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it("can be undone and re-applied", async () => {
    const ds = server.app.database.dataSource;
    const count = ds.migrations.length;
    for (let i = 0; i < count; i++) await ds.undoLastMigration({ transaction: "each" });
    expect(await ds.showMigrations()).toBe(true);
    await ds.runMigrations({ transaction: "each" });
    expect(await ds.showMigrations()).toBe(false);
  });
});
