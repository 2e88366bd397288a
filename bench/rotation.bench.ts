// Rotation throughput, end to end, beside its two ceilings measured in the same run on the
// same rows: the bare crypto (decrypt + re-encrypt, no database) and a bare batched UPDATE
// (the same rows and batch size, no crypto). Not a test: numbers only.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { loadConfig } from "../apps/api/src/config/config.js";
import { type Database, openDatabase } from "../apps/api/src/db/database.js";
import { ENCRYPTED_COLUMNS } from "../apps/api/src/features/secrets/encrypted-columns.js";
import {
  generateKeyText,
  parseKeyMaterial,
} from "../apps/api/src/features/secrets/key-material.js";
import { KeyRing } from "../apps/api/src/features/secrets/key-ring.js";
import {
  DEFAULT_BATCH_SIZE,
  rotateCiphertexts,
} from "../apps/api/src/features/secrets/rotation.js";
import { createLogger } from "../apps/api/src/logger.js";

export interface RotationBenchOptions {
  rows: number;
  /** A PostgreSQL server: a scratch database is created on it and dropped after. Else PGlite. */
  databaseUrl?: string;
}

const PER_OWNER = 500;

type DataSource = Database["dataSource"];

/** Runs one statement on the server's maintenance connection (CREATE/DROP DATABASE). */
async function admin(adminUrl: string, sql: string): Promise<void> {
  const logger = createLogger("silent", false);
  const db = await openDatabase(loadConfig({ DATABASE_URL: adminUrl }), logger, { migrate: false });
  try {
    await db.dataSource.query(sql);
  } finally {
    await db.close();
  }
}

async function scratchDatabase(adminUrl: string) {
  const name = `gh_bench_rotation_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  await admin(adminUrl, `CREATE DATABASE "${name}"`);
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: () => admin(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

/** N variables under the old key, owned by N/500 users, inserted in large chunks. */
async function seed(ds: DataSource, ring: KeyRing, rows: number): Promise<void> {
  const owners = Math.ceil(rows / PER_OWNER);
  const ownerIds = (
    (await ds.query(
      `INSERT INTO users (username, username_key)
       SELECT 'bench-' || s, 'bench-' || s FROM generate_series(1, $1) s RETURNING id`,
      [owners],
    )) as { id: string }[]
  ).map((r) => r.id);
  const chunk = 5_000;
  for (let start = 0; start < rows; start += chunk) {
    const owner: string[] = [];
    const name: string[] = [];
    const ct: string[] = [];
    for (let i = start; i < Math.min(rows, start + chunk); i++) {
      owner.push(ownerIds[Math.floor(i / PER_OWNER)]!);
      name.push(`API_KEY_${i % PER_OWNER}`);
      ct.push(ring.seal(`sk-${randomBytes(24).toString("base64url")}`).ciphertext);
    }
    await ds.query(
      `INSERT INTO variables (owner_id, name, ciphertext, key_fingerprint)
       SELECT o, n, c, $4 FROM unnest($1::uuid[], $2::text[], $3::text[]) AS u(o, n, c)`,
      [owner, name, ct, ring.primary.fingerprint],
    );
  }
  await ds.query(`VACUUM ANALYZE variables`);
}

export async function benchRotation(
  opts: RotationBenchOptions,
): Promise<Record<string, number | string>> {
  const dataDir = mkdtempSync(join(tmpdir(), "gatehouse-bench-rotation-"));
  const scratch = opts.databaseUrl ? await scratchDatabase(opts.databaseUrl) : undefined;
  const logger = createLogger("silent", false);
  const config = loadConfig({
    GATEHOUSE_DATA_DIR: dataDir,
    GATEHOUSE_LOG_LEVEL: "silent",
    ...(scratch ? { DATABASE_URL: scratch.url } : {}),
  });
  const db = await openDatabase(config, logger, { memory: !scratch });
  try {
    const ds = db.dataSource;
    const oldText = generateKeyText();
    const oldRing = new KeyRing(parseKeyMaterial(oldText, "old"), [], false);
    const newRing = new KeyRing(
      parseKeyMaterial(generateKeyText(), "new"),
      [parseKeyMaterial(oldText, "old")],
      false,
    );
    await seed(ds, oldRing, opts.rows);
    const stored = (await ds.query(
      `SELECT id::text AS id, ciphertext FROM variables ORDER BY id`,
    )) as {
      id: string;
      ciphertext: string;
    }[];

    // Crypto ceiling: what rotation does per row, minus the database.
    let t0 = performance.now();
    let opened = 0;
    for (const row of stored) {
      const o = newRing.open(row.ciphertext, oldRing.primary.fingerprint);
      if (o && newRing.seal(o.plaintext).ciphertext.length > 0) opened++;
    }
    const cryptoSeconds = (performance.now() - t0) / 1000;
    if (opened !== stored.length) throw new Error("crypto pass could not open every row");

    // Database ceiling: the same rows, the same batch size, one transaction per batch; values
    // are written back unchanged so the rotation below still has every row to do.
    t0 = performance.now();
    for (let i = 0; i < stored.length; i += DEFAULT_BATCH_SIZE) {
      const batch = stored.slice(i, i + DEFAULT_BATCH_SIZE);
      await ds.transaction((m) =>
        m.query(
          `UPDATE variables AS t SET ciphertext = u.c, key_fingerprint = $1
             FROM unnest($2::uuid[], $3::text[]) AS u(id, c) WHERE t.id = u.id`,
          [oldRing.primary.fingerprint, batch.map((r) => r.id), batch.map((r) => r.ciphertext)],
        ),
      );
    }
    const updateSeconds = (performance.now() - t0) / 1000;
    // Both runs start from equally compact tables.
    await ds.query(`VACUUM ANALYZE variables`);

    t0 = performance.now();
    const counts = await rotateCiphertexts(ds, newRing, ENCRYPTED_COLUMNS);
    const rotationSeconds = (performance.now() - t0) / 1000;
    if (counts.rotated !== opts.rows || counts.failed !== 0) {
      throw new Error(
        `rotation rotated ${counts.rotated} of ${opts.rows} (failed ${counts.failed})`,
      );
    }

    const rotationRate = opts.rows / rotationSeconds;
    const cryptoRate = opts.rows / cryptoSeconds;
    const updateRate = opts.rows / updateSeconds;
    return {
      database: scratch ? "postgresql" : "pglite",
      rows: opts.rows,
      batchSize: DEFAULT_BATCH_SIZE,
      rotationSeconds: round(rotationSeconds, 2),
      rotationRowsPerSecond: Math.round(rotationRate),
      cryptoRowsPerSecond: Math.round(cryptoRate),
      bareUpdateRowsPerSecond: Math.round(updateRate),
      /** Share of the crypto ceiling that rotation reaches (1 = as fast as the bare crypto). */
      rotationVsCrypto: round(rotationRate / cryptoRate, 3),
      /** Share of the database ceiling that rotation reaches. */
      rotationVsBareUpdate: round(rotationRate / updateRate, 3),
    };
  } finally {
    await db.close();
    await scratch?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

// `tsx bench/rotation.bench.ts [rows]` runs it alone (DATABASE_URL picks PostgreSQL).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const rows = Number(process.argv[2] ?? 100_000);
  console.log(await benchRotation({ rows, databaseUrl: process.env.DATABASE_URL || undefined }));
}
