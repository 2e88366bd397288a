import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig } from "../config/config.js";
import { DataDirLockedError, lockDataDir } from "../control/lock.js";
import { createLogger } from "../logger.js";
import { openDatabase } from "./database.js";
import { startEmbeddedDatabase } from "./embedded-start.js";
import { schemaVersion } from "./schema-version.js";

// Limits for hangs only: PGlite's start is slow on a busy machine, and every wait is for an event.
const SLOW = 120_000;

describe("openDatabase on an embedded database started beforehand (gatehouse run)", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "gatehouse-early-"));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const config = loadConfig({ GATEHOUSE_DATA_DIR: dataDir, GATEHOUSE_LOG_LEVEL: "silent" });
  const logger = createLogger("silent");

  it(
    "uses that database and its lock, migrates it, and releases both on close",
    async () => {
      const started = startEmbeddedDatabase(config, logger);
      const { embedded } = await started;
      // The early start holds the data dir: nobody else may open it meanwhile.
      await expect(lockDataDir(dataDir)).rejects.toBeInstanceOf(DataDirLockedError);
      const database = await openDatabase(config, logger, { started });
      expect(database.embeddedUrl).toBe(embedded.url);
      expect((await schemaVersion(database.dataSource)).pending).toEqual([]);
      await database.close();
      // Closing the database released the early start's lock, and stopped its thread.
      await expect(embedded.dump()).rejects.toThrow("the embedded database stopped");
      const again = await lockDataDir(dataDir);
      await again.release();
    },
    SLOW,
  );

  it(
    "fails with the early start's error and leaves the data dir unlocked",
    async () => {
      const holder = await lockDataDir(dataDir);
      const started = startEmbeddedDatabase(config, logger);
      await expect(openDatabase(config, logger, { started })).rejects.toBeInstanceOf(
        DataDirLockedError,
      );
      await holder.release();
      const again = await lockDataDir(dataDir);
      await again.release();
    },
    SLOW,
  );
});
