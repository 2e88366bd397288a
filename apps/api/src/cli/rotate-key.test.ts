import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../../test/helpers/cli.js";
import { createScratchDatabase, usingPostgres } from "../../test/helpers/database.js";
import { startTestServer } from "../../test/helpers/test-server.js";
import { generateKeyText, parseKeyMaterial } from "../features/secrets/key-material.js";

const SET = `mutation ($name: String!, $value: String!) { setVariable(name: $name, value: $value) { id } }`;

describe("gatehouse generate-key and rotate-key", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "gatehouse-rotate-cli-"));
  let drop: (() => Promise<void>) | undefined;
  afterAll(async () => {
    await drop?.();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("rotates a database to a freshly generated key, with a dry run first", async () => {
    const generated = await runCli(["generate-key"], {});
    expect(generated.code).toBe(0);
    const k1 = generated.stdout.trim();
    expect(k1).toMatch(/^[A-Za-z0-9_-]{43}=$/);
    const k2 = generateKeyText();
    const fp1 = parseKeyMaterial(k1, "k").fingerprint;
    const fp2 = parseKeyMaterial(k2, "k").fingerprint;

    const scratch = usingPostgres ? await createScratchDatabase() : undefined;
    drop = scratch?.drop;
    const db: Record<string, string> = scratch ? { DATABASE_URL: scratch.url } : {};
    const server = await startTestServer(
      { GATEHOUSE_SECRET_KEY: k1 },
      { dataDir, databaseUrl: scratch?.url },
    );
    for (const name of ["A", "B", "C"]) await server.gql(SET, { name, value: `value ${name}` });
    // Embedded PGlite has one owner at a time; on PostgreSQL the server keeps running beside the CLI.
    if (!scratch) await server.close();

    const env = {
      GATEHOUSE_DATA_DIR: dataDir,
      GATEHOUSE_LOG_LEVEL: "silent",
      GATEHOUSE_SECRET_KEY: k2,
      GATEHOUSE_SECRET_KEY_FALLBACKS: k1,
      ...db,
    };
    const dry = await runCli(["rotate-key", "--dry-run"], env);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/Dry run: nothing was written/);
    expect(dry.stdout).toMatch(/would re-encrypt: +3\n/);

    const real = await runCli(["rotate-key"], env);
    expect(real.code).toBe(0);
    expect(real.stdout).toContain(`Primary key ${fp2}`);
    expect(real.stdout).toMatch(/re-encrypted: +3\n/);
    expect(`${real.stdout}${real.stderr}`).not.toContain("value A");

    // The old key alone is now refused, with both fingerprints, in one line, exit code 2.
    const stale = await runCli(["rotate-key"], {
      ...env,
      GATEHOUSE_SECRET_KEY: k1,
      GATEHOUSE_SECRET_KEY_FALLBACKS: "",
    });
    expect(stale.code).toBe(2);
    expect(stale.stderr.trim().split("\n")).toHaveLength(1);
    expect(stale.stderr).toContain(fp1);
    expect(stale.stderr).toContain(fp2);

    const bad = await runCli(["rotate-key"], { ...env, GATEHOUSE_SECRET_KEY: "too-short" });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^gatehouse: GATEHOUSE_SECRET_KEY .*gatehouse generate-key/);

    if (scratch) await server.close();
    const after = await startTestServer(
      { GATEHOUSE_SECRET_KEY: k2 },
      { dataDir, databaseUrl: scratch?.url },
    );
    try {
      const list = await after.gql<{ variables: { value: string }[] }>(`{ variables { value } }`);
      expect(list.data!.variables.map((v) => v.value)).toEqual(["value A", "value B", "value C"]);
    } finally {
      await after.close();
    }
  }, 240_000); // each CLI run starts tsx (and, embedded, PGlite): slow on a busy two-core machine
});
