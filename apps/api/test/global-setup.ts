// Once per test run: migrate one in-memory PGlite and dump it. Every in-memory test server
// then starts from that copy: PGlite's initdb and the migrations cost about 4 s of CPU per
// server, loading the dump about 0.5 s (measured on the CI machine's two cores).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { loadConfig } from "../src/config/config.js";
import { openDatabase } from "../src/db/database.js";
import { createLogger } from "../src/logger.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** A dump of a freshly migrated PGlite, or "" when the suite runs on PostgreSQL. */
    pgliteTemplate: string;
  }
}

export default async function setup(project: TestProject) {
  if (process.env.DATABASE_URL) {
    project.provide("pgliteTemplate", "");
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), "gatehouse-template-"));
  const template = join(dir, "migrated.tar");
  const config = loadConfig({ GATEHOUSE_DATA_DIR: dir, GATEHOUSE_LOG_LEVEL: "silent" });
  const database = await openDatabase(config, createLogger("silent", false), { memory: true });
  try {
    if (database.dumpDataDir) writeFileSync(template, await database.dumpDataDir());
  } finally {
    await database.close();
  }
  project.provide("pgliteTemplate", template);
  return () => rmSync(dir, { recursive: true, force: true });
}
