import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { gunzip, gzip } from "node:zlib";
import { createTar, type ParsedTarFileItem, parseTar } from "nanotar";
import type { CommandContext } from "../cli/command.js";
import { CommandFailure } from "../cli/command.js";
import { GENERATED_KEY_FILE } from "../features/secrets/key-ring.js";
import { VERSION } from "../version.js";

/**
 * A Gatehouse backup is a gzipped tar (`tar tzf` lists it): manifest.json, pgdata.tar (the
 * embedded data dir as PGlite dumps it) and, unless left out, secret.key.
 */
const MANIFEST = "manifest.json";
const PGDATA = "pgdata.tar";
export const KEY = "secret.key";
const FORMAT = "gatehouse-backup";

export interface Manifest {
  format: typeof FORMAT;
  version: 1;
  createdAt: string;
  gatehouseVersion: string;
  /** Fingerprint of the primary key the data was written under. */
  keyFingerprint: string;
  keyIncluded: boolean;
  /** Where the key came from on the backed-up server. */
  keySource: "data dir" | "GATEHOUSE_SECRET_KEY";
}

export interface Backup {
  manifest: Manifest;
  pgdata: Uint8Array;
  key?: Uint8Array;
}

export const ON_POSTGRES =
  'the database is PostgreSQL (DATABASE_URL): back it up with `pg_dump --format=custom --file FILE "$DATABASE_URL"` and restore with `pg_restore --clean --if-exists --dbname "$DATABASE_URL" FILE`; keep GATEHOUSE_SECRET_KEY with it.';

/**
 * Dumps the embedded database consistently: holding the pool's only connection, no
 * transaction of the app is open; CHECKPOINT writes every change into the data files; PGlite
 * then tars them under its own query lock. Requests wait for those moments and go on.
 */
export async function createBackup(ctx: CommandContext, withKey: boolean): Promise<Uint8Array> {
  const { database, services } = ctx;
  if (!database.dumpDataDir) throw new CommandFailure(ON_POSTGRES);
  const runner = services.dataSource.createQueryRunner();
  let pgdata: Uint8Array;
  await runner.connect();
  try {
    await runner.query("CHECKPOINT");
    pgdata = await database.dumpDataDir();
  } finally {
    await runner.release();
  }
  const ring = services.secrets.ring;
  const keyPath = join(services.config.dataDir, GENERATED_KEY_FILE);
  const key = withKey && ring.generated && existsSync(keyPath) ? readFileSync(keyPath) : undefined;
  const manifest: Manifest = {
    format: FORMAT,
    version: 1,
    createdAt: new Date().toISOString(),
    gatehouseVersion: VERSION,
    keyFingerprint: ring.primary.fingerprint,
    keyIncluded: key !== undefined,
    keySource: ring.generated ? "data dir" : "GATEHOUSE_SECRET_KEY",
  };
  const files = [
    { name: MANIFEST, data: `${JSON.stringify(manifest, null, 2)}\n` },
    { name: PGDATA, data: pgdata },
    ...(key ? [{ name: KEY, data: key }] : []),
  ];
  return promisify(gzip)(createTar(files, { attrs: { mode: "600" } }));
}

/** Reads and checks a backup file's contents; one clear line when it is not one. */
export async function readBackup(bytes: Uint8Array, file: string): Promise<Backup> {
  let entries: ParsedTarFileItem[];
  try {
    entries = parseTar(await promisify(gunzip)(bytes));
  } catch {
    throw new CommandFailure(`${file} is not a Gatehouse backup (not a gzipped tar).`);
  }
  const find = (name: string) => entries.find((e) => e.name === name)?.data;
  const manifestBytes = find(MANIFEST);
  const pgdata = find(PGDATA);
  let manifest: Manifest | undefined;
  try {
    manifest = manifestBytes
      ? (JSON.parse(Buffer.from(manifestBytes).toString("utf8")) as Manifest)
      : undefined;
  } catch {
    manifest = undefined;
  }
  if (!manifest || manifest.format !== FORMAT || !pgdata)
    throw new CommandFailure(`${file} is not a Gatehouse backup (no manifest or database inside).`);
  if (manifest.version !== 1)
    throw new CommandFailure(
      `${file} is a version ${manifest.version} backup; this gatehouse reads version 1. Use a newer gatehouse.`,
    );
  return { manifest, pgdata, key: find(KEY) };
}
