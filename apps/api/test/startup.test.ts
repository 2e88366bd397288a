import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres } from "../src/db/embedded.js";
import { runCli } from "./helpers/cli.js";
import { createScratchDatabase, usingPostgres } from "./helpers/database.js";

// A CLI start (tsx, and PGlite where the database is embedded) takes seconds on an idle
// machine and many times that on a loaded one; these limits are for hangs only.
const CLI_LIMIT = 150_000;
const TEST_LIMIT = 2 * CLI_LIMIT;

const gatehouse = (args: string[], env: Record<string, string>) =>
  runCli(
    args,
    { GATEHOUSE_DATA_DIR: mkdtempSync(join(tmpdir(), "gh-start-")), ...env },
    { timeoutMs: CLI_LIMIT },
  ).then((r) => ({
    ...r,
    stderr: r.stderr.trim(),
  }));

describe("start-up with bad configuration", () => {
  it.each([
    [
      { GATEHOUSE_PORT: "abc" },
      /^gatehouse: GATEHOUSE_PORT=abc is not a port; use a whole number from 0 to 65535\.$/,
    ],
    [{ GATEHOUSE_SECRET_KEY: "too-short" }, /^gatehouse: .*GATEHOUSE_SECRET_KEY.*generate-key/],
    [{ GATEHOUSE_AUTO_LOGIN: "false" }, /^gatehouse: .*GATEHOUSE_SUPERUSER.*gatehouse superuser/],
    [
      { DATABASE_URL: "postgres://nobody@127.0.0.1:1/none" },
      /^gatehouse: cannot reach the database/,
    ],
  ])(
    "%o stops with one line that says what to fix, exit code 2",
    async (env, message) => {
      const r = await gatehouse(["run"], env);
      expect(r.code).toBe(2);
      expect(r.stderr.split("\n")).toHaveLength(1);
      expect(r.stderr).toMatch(message);
      // Never echo a secret back, even a malformed one.
      expect(r.stderr).not.toContain("too-short");
    },
    TEST_LIMIT,
  );

  it(
    "--help lists every command",
    async () => {
      const r = await gatehouse(["--help"], {});
      expect(r.code).toBe(0);
      for (const cmd of [
        "run",
        "migrate",
        "superuser",
        "login-url",
        "generate-key",
        "rotate-key",
      ]) {
        expect(r.stdout).toMatch(new RegExp(`^\\s+${cmd}\\b`, "m"));
      }
    },
    TEST_LIMIT,
  );
});

describe("a Gatehouse older than its database", () => {
  const cleanups: Array<() => unknown> = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  /** Runs SQL on the database the CLI uses, the way an admin or a newer Gatehouse would. */
  async function onDatabase(env: Record<string, string>, sql: string, values: unknown[]) {
    const embedded = env.DATABASE_URL
      ? undefined
      : await startEmbeddedPostgres(env.GATEHOUSE_DATA_DIR!);
    const client = new pg.Client(
      embedded
        ? { connectionString: embedded.url, application_name: embedded.ownerName }
        : { connectionString: env.DATABASE_URL },
    );
    try {
      await client.connect();
      await client.query(sql, values);
    } finally {
      await client.end();
      await embedded?.close();
    }
  }

  it(
    "refuses to run or migrate with one line, exit code 2, once a newer one has migrated it",
    async () => {
      const dataDir = mkdtempSync(join(tmpdir(), "gh-start-"));
      cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
      const env: Record<string, string> = { GATEHOUSE_DATA_DIR: dataDir, GATEHOUSE_PORT: "0" };
      if (usingPostgres) {
        const db = await createScratchDatabase();
        cleanups.push(db.drop);
        env.DATABASE_URL = db.url;
      }
      const cli = (args: string[]) => runCli(args, env, { timeoutMs: CLI_LIMIT });
      const migrated = await cli(["migrate"]);
      expect(migrated.stderr).toBe("");
      expect(migrated.code).toBe(0);
      await onDatabase(env, `INSERT INTO "migrations" ("timestamp", "name") VALUES ($1, $2)`, [
        1899999999999,
        "FromTheFuture1899999999999",
      ]);
      for (const args of [["run"], ["migrate"]]) {
        const r = await cli(args);
        expect(r.code).toBe(2);
        expect(r.stderr).toBe(
          "gatehouse: the database was migrated by a newer Gatehouse (unknown migration " +
            "FromTheFuture1899999999999); upgrade Gatehouse or restore a backup\n",
        );
      }
    },
    4 * CLI_LIMIT,
  );
});
