import { describe, expect, inject, it } from "vitest";
import { loadConfig } from "../src/config/config.js";
import { openDatabase } from "../src/db/database.js";
import { createLogger } from "../src/logger.js";
import { usingPostgres } from "./helpers/database.js";

// Test servers on the embedded database start from one migrated dump made per run
// (test/global-setup.ts) rather than paying initdb and every migration each time.
describe.skipIf(usingPostgres)("the migrated PGlite template", () => {
  it("starts an in-memory database that is already migrated, and each copy is its own", async () => {
    const template = inject("pgliteTemplate");
    expect(template).not.toBe("");
    const config = loadConfig({ GATEHOUSE_LOG_LEVEL: "silent" });
    const open = () =>
      openDatabase(config, createLogger("silent", false), {
        memory: true,
        memoryTemplate: template,
        migrate: false,
      });
    const [a, b] = await Promise.all([open(), open()]);
    try {
      expect(await a.dataSource.showMigrations()).toBe(false);
      await a.dataSource.query(
        `INSERT INTO users (username, username_key, is_active, is_superuser) VALUES ('only-in-a', 'only-in-a', true, false)`,
      );
      const inB = await b.dataSource.query(`SELECT count(*)::int AS n FROM users`);
      expect(inB[0].n).toBe(0);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
