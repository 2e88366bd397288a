import { randomBytes, randomUUID } from "node:crypto";
import type { DataSource } from "typeorm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../../../test/helpers/test-server.js";
import { createLogger } from "../../logger.js";
import { VariablesService } from "../variables/variable.service.js";
import { fernetDecrypt } from "./fernet.js";
import { generateKeyText, parseKeyMaterial } from "./key-material.js";
import { KeyRing } from "./key-ring.js";
import { SecretsService } from "./secrets.service.js";

const logger = createLogger("silent", false);
const OLD = generateKeyText();
const NEW = generateKeyText();
const oldKey = parseKeyMaterial(OLD, "old");
const newKey = parseKeyMaterial(NEW, "new");

/** One more "instance" on the same database, with its own key ring. */
function instance(ds: DataSource, primary: string, fallbacks: string[] = []) {
  const ring = new KeyRing(
    parseKeyMaterial(primary, "primary"),
    fallbacks.map((f) => parseKeyMaterial(f, "fallback")),
    false,
  );
  const secrets = new SecretsService(ds, ring, logger);
  return { secrets, variables: new VariablesService(ds, secrets) };
}

async function createUsers(ds: DataSource, n: number): Promise<string[]> {
  const rows = (await ds.query(
    `INSERT INTO users (username, username_key)
     SELECT 'rot-' || s || '-' || $1, 'rot-' || s || '-' || $1 FROM generate_series(1, $2) s
     RETURNING id`,
    [randomUUID().slice(0, 8), n],
  )) as { id: string }[];
  return rows.map((r) => r.id);
}

/** Seeds values encrypted under `ring`'s primary, in bulk (the service would be 10,000 round trips). */
async function seed(ds: DataSource, ring: KeyRing, owners: string[], perOwner: number) {
  const expected = new Map<string, string>();
  for (const owner of owners) {
    const names: string[] = [];
    const cts: string[] = [];
    for (let i = 0; i < perOwner; i++) {
      const name = `VAR_${i}`;
      const value = `value-${owner.slice(0, 8)}-${i}-${randomBytes(6).toString("hex")}`;
      const sealed = ring.seal(value);
      names.push(name);
      cts.push(sealed.ciphertext);
      expected.set(`${owner}/${name}`, value);
    }
    await ds.query(
      `INSERT INTO variables (owner_id, name, ciphertext, key_fingerprint)
       SELECT $1, n, c, $4 FROM unnest($2::text[], $3::text[]) AS u(n, c)`,
      [owner, names, cts, ring.primary.fingerprint],
    );
  }
  return expected;
}

/** Every stored value, decrypted with the one key given (proves what key it is under). */
async function readAllWith(ds: DataSource, key: Buffer): Promise<Map<string, string>> {
  const rows = (await ds.query(`SELECT owner_id, name, ciphertext FROM variables`)) as {
    owner_id: string;
    name: string;
    ciphertext: string;
  }[];
  return new Map(
    rows.map((r) => [`${r.owner_id}/${r.name}`, fernetDecrypt(key, r.ciphertext).toString("utf8")]),
  );
}

describe("key rotation", () => {
  let server: TestServer;
  let ds: DataSource;

  beforeAll(async () => {
    server = await startTestServer({ GATEHOUSE_SECRET_KEY: OLD });
    ds = server.app.database.dataSource;
  });
  afterAll(() => server?.close());
  beforeEach(async () => {
    await ds.query(`DELETE FROM variables`);
    await ds.query(`DELETE FROM secret_key_check`);
  });

  it("re-encrypts 10,000 variables under the new key; every value reads back", async () => {
    const owners = await createUsers(ds, 20);
    const expected = await seed(ds, instance(ds, OLD).secrets.ring, owners, 500);
    const next = instance(ds, NEW, [OLD]);
    const before = await next.secrets.status();
    expect(before.keys).toEqual([
      { fingerprint: newKey.fingerprint, isPrimary: true, configured: true, ciphertexts: 0 },
      { fingerprint: oldKey.fingerprint, isPrimary: false, configured: true, ciphertexts: 10_000 },
    ]);

    const dry = await next.secrets.rotate({ dryRun: true });
    expect(dry).toEqual({ rotated: 10_000, alreadyCurrent: 0, failed: 0, skipped: 0 });
    expect((await next.secrets.status()).keys[1]!.ciphertexts).toBe(10_000);

    const progress: number[] = [];
    const counts = await next.secrets.rotate({ onProgress: (p) => progress.push(p.done) });
    expect(counts).toEqual({ rotated: 10_000, alreadyCurrent: 0, failed: 0, skipped: 0 });
    expect(progress.at(-1)).toBe(10_000);
    expect(progress.length).toBe(20);

    const after = await next.secrets.status();
    expect(after.keys.map((k) => k.ciphertexts)).toEqual([10_000, 0]);
    expect(after.undecryptable).toBe(0);
    expect(await readAllWith(ds, newKey.fernetKey)).toEqual(expected);

    // Idempotent: a second run finds nothing to do.
    expect(await next.secrets.rotate()).toEqual({
      rotated: 0,
      alreadyCurrent: 10_000,
      failed: 0,
      skipped: 0,
    });
    // An instance with only the new key serves every value through the service.
    const [owner] = owners;
    const served = await instance(ds, NEW).variables.list(owner!);
    expect(served).toHaveLength(500);
    for (const v of served) expect(v.value).toBe(expected.get(`${owner}/${v.name}`));
  });

  it("a run killed half-way keeps its finished batches, loses nothing, and the next run finishes", async () => {
    const owners = await createUsers(ds, 2);
    const expected = await seed(ds, instance(ds, OLD).secrets.ring, owners, 500);
    const next = instance(ds, NEW, [OLD]);
    await expect(
      next.secrets.rotate({
        batchSize: 100,
        beforeCommit: (i) => {
          if (i === 3) throw new Error("simulated crash in batch 3");
        },
      }),
    ).rejects.toThrow("simulated crash");
    const mid = await next.secrets.status();
    expect(mid.keys.map((k) => k.ciphertexts)).toEqual([300, 700]);
    // Half-way, every value is still readable with the configured keys.
    for (const owner of owners) {
      const values = await next.variables.list(owner);
      for (const v of values) expect(v.value).toBe(expected.get(`${owner}/${v.name}`));
    }
    const resumed = await next.secrets.rotate({ batchSize: 100 });
    expect(resumed).toEqual({ rotated: 700, alreadyCurrent: 300, failed: 0, skipped: 0 });
    expect(await readAllWith(ds, newKey.fernetKey)).toEqual(expected);
  });

  it("never overwrites a value written (or deleted) between its read and its write", async () => {
    const [owner] = await createUsers(ds, 1);
    const expected = await seed(ds, instance(ds, OLD).secrets.ring, [owner!], 50);
    const next = instance(ds, NEW, [OLD]);
    const counts = await next.secrets.rotate({
      batchSize: 20,
      afterRead: async (i, ids) => {
        if (i !== 1) return;
        // Live writes land after rotation read batch 1 and before it writes.
        const rows = (await ds.query(`SELECT name FROM variables WHERE id = ANY($1::uuid[])`, [
          ids.slice(0, 2),
        ])) as { name: string }[];
        const [changed, deleted] = rows.map((r) => r.name);
        await next.variables.set(owner!, changed!, "written during rotation");
        await next.variables.delete(owner!, deleted!);
        expected.set(`${owner}/${changed}`, "written during rotation");
        expected.delete(`${owner}/${deleted}`);
      },
    });
    expect(counts).toEqual({ rotated: 48, alreadyCurrent: 0, failed: 0, skipped: 2 });
    expect(await readAllWith(ds, newKey.fernetKey)).toEqual(expected);
  });

  it("concurrent writes and a second rotation running at the same time lose nothing", async () => {
    const owners = await createUsers(ds, 4);
    const expected = await seed(ds, instance(ds, OLD).secrets.ring, owners, 250);
    // An instance still on the old key, started before the new ones (its check passed then).
    const old = instance(ds, OLD);
    await old.secrets.check.beforeWrite();
    const a = instance(ds, NEW, [OLD]);
    const b = instance(ds, NEW, [OLD]);
    const writer = (async () => {
      for (let i = 0; i < 60; i++) {
        const owner = owners[i % owners.length]!;
        const name = `VAR_${(i * 37) % 250}`;
        const value = `live-${i}`;
        // Writers on the old key (an instance not yet restarted) and on the new one.
        await (i % 2 === 0 ? a : old).variables.set(owner, name, value);
        expected.set(`${owner}/${name}`, value);
      }
    })();
    const [ra, rb] = await Promise.all([
      a.secrets.rotate({ batchSize: 50 }),
      b.secrets.rotate({ batchSize: 50 }),
      writer,
    ]);
    expect(ra!.failed + rb!.failed).toBe(0);
    // A final pass picks up whatever old-key writers left behind.
    await a.secrets.rotate();
    const status = await a.secrets.status();
    expect(status.keys.map((k) => k.ciphertexts)).toEqual([1000, 0]);
    expect(await readAllWith(ds, newKey.fernetKey)).toEqual(expected);
  });

  it("counts rows no key can read as failed and leaves them untouched", async () => {
    const [owner] = await createUsers(ds, 1);
    await seed(ds, instance(ds, OLD).secrets.ring, [owner!], 3);
    const stranger = instance(ds, generateKeyText()).secrets.ring;
    const lost = stranger.seal("unreadable");
    await ds.query(
      `INSERT INTO variables (owner_id, name, ciphertext, key_fingerprint) VALUES ($1, 'LOST', $2, $3)`,
      [owner, lost.ciphertext, lost.fingerprint],
    );
    const next = instance(ds, NEW, [OLD]);
    expect(await next.secrets.rotate()).toEqual({
      rotated: 3,
      alreadyCurrent: 0,
      failed: 1,
      skipped: 0,
    });
    const [row] = (await ds.query(`SELECT ciphertext FROM variables WHERE name = 'LOST'`)) as {
      ciphertext: string;
    }[];
    expect(row!.ciphertext).toBe(lost.ciphertext);
    const status = await next.secrets.status();
    expect(status.undecryptable).toBe(1);
    expect(status.keys).toContainEqual({
      fingerprint: lost.fingerprint,
      isPrimary: false,
      configured: false,
      ciphertexts: 1,
    });
    // The list still serves the readable rows and marks the lost one with its key.
    const listed = await next.variables.list(owner!);
    expect(listed).toHaveLength(4);
    expect(listed.find((v) => v.name === "LOST")).toMatchObject({
      readable: false,
      value: "",
      keyFingerprint: lost.fingerprint,
    });
    expect(listed.filter((v) => v.readable)).toHaveLength(3);
  });
});
