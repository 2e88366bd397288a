import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createScratchDatabase, usingPostgres } from "../../../test/helpers/database.js";
import { startTestServer, type TestServer } from "../../../test/helpers/test-server.js";
import { ConfigError } from "../../config/config-error.js";
import { generateKeyText, parseKeyMaterial } from "./key-material.js";

const SET = `mutation ($name: String!, $value: String!) { setVariable(name: $name, value: $value) { id name value } }`;
const LIST = `{ variables { name value } }`;
const STATUS = `{ secretKeyStatus { primaryFingerprint generated undecryptable keys { fingerprint isPrimary configured ciphertexts } } }`;
const ROTATE = `mutation { rotateSecretKey { rotated alreadyCurrent failed skipped primaryFingerprint } }`;

/**
 * One persistent database across restarts: PGlite on disk, or a scratch PostgreSQL database.
 * Each test gets its own, so the order of tests does not matter.
 */
async function persistentStore() {
  const dataDir = mkdtempSync(join(tmpdir(), "gatehouse-restart-"));
  const scratch = usingPostgres ? await createScratchDatabase() : undefined;
  return {
    start: (env: Record<string, string>) =>
      startTestServer(env, { dataDir, databaseUrl: scratch?.url }),
    dataDir,
    async drop() {
      await scratch?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function startupError(promise: Promise<TestServer>): Promise<Error> {
  try {
    const s = await promise;
    await s.close();
  } catch (err) {
    return err as Error;
  }
  throw new Error("expected start-up to be refused");
}

const values = (r: { data?: unknown }) =>
  Object.fromEntries(
    ((r.data as { variables: { name: string; value: string }[] }).variables ?? []).map((v) => [
      v.name,
      v.value,
    ]),
  );

describe("secret key across restarts", () => {
  const K1 = generateKeyText();
  const K2 = generateKeyText();
  const fp1 = parseKeyMaterial(K1, "k").fingerprint;
  const fp2 = parseKeyMaterial(K2, "k").fingerprint;
  let store: Awaited<ReturnType<typeof persistentStore>>;

  beforeAll(async () => {
    store = await persistentStore();
    const s = await store.start({ GATEHOUSE_SECRET_KEY: K1 });
    try {
      for (const [name, value] of [
        ["OPENAI_API_KEY", "sk-one"],
        ["db.password", "p@ss wörd"],
      ]) {
        const r = await s.gql(SET, { name, value });
        expect(r.errors).toBeUndefined();
      }
    } finally {
      await s.close();
    }
  });
  afterAll(() => store?.drop());

  it("refuses to start with an unrelated key and names both fingerprints in one line", async () => {
    const err = await startupError(store.start({ GATEHOUSE_SECRET_KEY: K2 }));
    expect(err).toBeInstanceOf(ConfigError);
    expect(err.message).toContain(fp1);
    expect(err.message).toContain(fp2);
    expect(err.message).not.toContain("\n");
    expect(err.message).not.toContain(K1);
    expect(err.message).not.toContain(K2);
  });

  it("with the new key and the old one as fallback, serves every value; rotation then retires the old key", async () => {
    const s = await store.start({ GATEHOUSE_SECRET_KEY: K2, GATEHOUSE_SECRET_KEY_FALLBACKS: K1 });
    try {
      expect(values(await s.gql(LIST))).toEqual({
        OPENAI_API_KEY: "sk-one",
        "db.password": "p@ss wörd",
      });
      const before = await s.gql(STATUS);
      expect(before.data).toEqual({
        secretKeyStatus: {
          primaryFingerprint: fp2,
          generated: false,
          undecryptable: 0,
          keys: [
            { fingerprint: fp2, isPrimary: true, configured: true, ciphertexts: 0 },
            { fingerprint: fp1, isPrimary: false, configured: true, ciphertexts: 2 },
          ],
        },
      });
      const rotated = await s.gql(ROTATE);
      expect(rotated.data).toEqual({
        rotateSecretKey: {
          rotated: 2,
          alreadyCurrent: 0,
          failed: 0,
          skipped: 0,
          primaryFingerprint: fp2,
        },
      });
      const after = (await s.gql<{ secretKeyStatus: { keys: { ciphertexts: number }[] } }>(STATUS))
        .data!.secretKeyStatus;
      expect(after.keys.map((k) => k.ciphertexts)).toEqual([2, 0]);
      const audit = (await s.app.database.dataSource.query(
        `SELECT detail FROM audit_events WHERE action = 'secret_key.rotated'`,
      )) as { detail: string }[];
      expect(audit).toHaveLength(1);
      expect(audit[0]!.detail).toContain("rotated=2");
    } finally {
      await s.close();
    }
    // The fallback can now go: the new key alone serves everything, and the old key is refused.
    const only = await store.start({ GATEHOUSE_SECRET_KEY: K2 });
    try {
      expect(values(await only.gql(LIST))).toEqual({
        OPENAI_API_KEY: "sk-one",
        "db.password": "p@ss wörd",
      });
    } finally {
      await only.close();
    }
    const err = await startupError(store.start({ GATEHOUSE_SECRET_KEY: K1 }));
    expect(err.message).toContain(fp2);
  });
});

describe("generated secret key", () => {
  let store: Awaited<ReturnType<typeof persistentStore>>;
  beforeAll(async () => {
    store = await persistentStore();
  });
  afterAll(() => store?.drop());

  it("is written once to the data dir and reused on restart", async () => {
    const first = await store.start({});
    let fingerprint: string;
    try {
      expect((await first.gql(SET, { name: "TOKEN", value: "kept" })).errors).toBeUndefined();
      const st = (
        await first.gql<{ secretKeyStatus: { generated: boolean; primaryFingerprint: string } }>(
          STATUS,
        )
      ).data!.secretKeyStatus;
      expect(st.generated).toBe(true);
      fingerprint = st.primaryFingerprint;
    } finally {
      await first.close();
    }
    const second = await store.start({});
    try {
      const st = (
        await second.gql<{ secretKeyStatus: { generated: boolean; primaryFingerprint: string } }>(
          STATUS,
        )
      ).data!.secretKeyStatus;
      expect(st).toMatchObject({ generated: true, primaryFingerprint: fingerprint });
      expect(values(await second.gql(LIST))).toEqual({ TOKEN: "kept" });
    } finally {
      await second.close();
    }
  });
});
