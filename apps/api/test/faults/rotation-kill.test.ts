import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generateKeyText, parseKeyMaterial } from "../../src/features/secrets/key-material.js";
import { createScratchDatabase, usingPostgres } from "../helpers/database.js";
import { type ServerProcess, spawnServer } from "../helpers/spawn-server.js";
import { gqlRequest, startTestServer } from "../helpers/test-server.js";

const ROWS = 20_000;
const STATUS = `{ secretKeyStatus { primaryFingerprint undecryptable keys { fingerprint ciphertexts } } }`;
const ROTATE = `mutation { rotateSecretKey { rotated alreadyCurrent failed primaryFingerprint } }`;
const VARIABLES = `{ variables { name value } }`;

type Status = {
  secretKeyStatus: {
    primaryFingerprint: string;
    undecryptable: number;
    keys: { fingerprint: string; ciphertexts: number }[];
  };
};

const valueOf = (i: number) => `secret value ${i} ${"ü".repeat(i % 7)}`;

async function countsByKey(
  url: string,
): Promise<{ undecryptable: number; by: Map<string, number> }> {
  const r = await gqlRequest<Status>(url, STATUS);
  expect(r.errors).toBeUndefined();
  const s = r.data!.secretKeyStatus;
  return {
    undecryptable: s.undecryptable,
    by: new Map(s.keys.map((k) => [k.fingerprint, k.ciphertexts])),
  };
}

/** Every stored value decrypts, through the API, to what was written. */
async function expectAllValues(url: string): Promise<void> {
  const r = await gqlRequest<{ variables: { name: string; value: string }[] }>(url, VARIABLES);
  expect(r.errors).toBeUndefined();
  const vars = r.data!.variables;
  expect(vars.length).toBe(ROWS);
  const wrong = vars.filter((v) => v.value !== valueOf(Number(v.name.slice(4))));
  expect(wrong.map((v) => v.name)).toEqual([]);
}

describe("SIGKILL during a key rotation", () => {
  const cleanups: Array<() => Promise<unknown> | unknown> = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  it("after a restart every ciphertext decrypts, and a second rotation finishes the job", async () => {
    const K1 = generateKeyText();
    const K2 = generateKeyText();
    const fp1 = parseKeyMaterial(K1, "k").fingerprint;
    const fp2 = parseKeyMaterial(K2, "k").fingerprint;
    const dataDir = mkdtempSync(join(tmpdir(), "gatehouse-rotkill-"));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const db = usingPostgres ? await createScratchDatabase() : undefined;
    if (db) cleanups.push(() => db.drop());
    const dbEnv: Record<string, string> = db ? { DATABASE_URL: db.url } : {};

    // Seed many ciphertexts under K1 straight into the table (setVariable caps a user at 500).
    const seed = await startTestServer(
      { GATEHOUSE_SECRET_KEY: K1, ...dbEnv },
      { dataDir, databaseUrl: db?.url },
    );
    try {
      const me = await seed.gql<{ me: { id: string } }>(`{ me { id } }`);
      const owner = me.data!.me.id;
      const secrets = seed.app.services.secrets;
      for (let start = 0; start < ROWS; start += 2_000) {
        const names: string[] = [];
        const ciphertexts: string[] = [];
        for (let i = start; i < Math.min(ROWS, start + 2_000); i++) {
          names.push(`var_${i}`);
          ciphertexts.push((await secrets.seal(valueOf(i))).ciphertext);
        }
        await seed.app.database.dataSource.query(
          `INSERT INTO variables (owner_id, name, ciphertext, key_fingerprint)
           SELECT $1, n, c, $4 FROM unnest($2::text[], $3::text[]) AS u(n, c)`,
          [owner, names, ciphertexts, fp1],
        );
      }
    } finally {
      await seed.close();
    }

    const env = { GATEHOUSE_SECRET_KEY: K2, GATEHOUSE_SECRET_KEY_FALLBACKS: K1, ...dbEnv };
    let server: ServerProcess = await spawnServer(env, { dataDir });
    cleanups.push(() => server.stop());

    // Start a rotation and kill the process once some batches, not all, have committed.
    const rotation = gqlRequest(server.url, ROTATE).catch((err: Error) => err);
    let atKill = { undecryptable: -1, by: new Map<string, number>() };
    const t0 = performance.now();
    for (;;) {
      atKill = await countsByKey(server.url);
      if ((atKill.by.get(fp2) ?? 0) > 0) break;
      if (performance.now() - t0 > 60_000) throw new Error("rotation made no progress in 60 s");
      await new Promise((r) => setTimeout(r, 20));
    }
    server.kill("SIGKILL");
    await server.exited;
    // The request died with the process: no answer, no acknowledgement.
    expect(await rotation).toBeInstanceOf(Error);
    expect(atKill.by.get(fp1) ?? 0).toBeGreaterThan(0);

    server = await spawnServer(env, { dataDir });
    const after = await countsByKey(server.url);
    expect(after.undecryptable).toBe(0);
    const underK1 = after.by.get(fp1) ?? 0;
    const underK2 = after.by.get(fp2) ?? 0;
    expect(underK1 + underK2).toBe(ROWS);
    // Killed mid-way: part of the data is still under the old key (else this proved nothing).
    expect(underK1).toBeGreaterThan(0);
    expect(underK2).toBeGreaterThan(0);
    await expectAllValues(server.url);

    const second = await gqlRequest<{
      rotateSecretKey: {
        rotated: number;
        alreadyCurrent: number;
        failed: number;
        primaryFingerprint: string;
      };
    }>(server.url, ROTATE);
    expect(second.errors).toBeUndefined();
    expect(second.data!.rotateSecretKey).toEqual({
      rotated: underK1,
      alreadyCurrent: underK2,
      failed: 0,
      primaryFingerprint: fp2,
    });
    const done = await countsByKey(server.url);
    expect(done.undecryptable).toBe(0);
    expect(done.by.get(fp2)).toBe(ROWS);
    expect(done.by.get(fp1) ?? 0).toBe(0);
    await expectAllValues(server.url);
    expect(await server.stop()).toBe(0);
  }, 180_000);
});
