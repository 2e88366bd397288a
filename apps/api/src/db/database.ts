import { readFileSync } from "node:fs";
import pg from "pg";
import { DataSource } from "typeorm";
import type { Config } from "../config/config.js";
import type { DataDirLock } from "../control/lock.js";
import type { Logger } from "../logger.js";
import { AuthChangeFeed } from "./auth-changes.js";
import type { EmbeddedPostgres } from "./embedded.js";
import { type StartedEmbedded, startEmbeddedDatabase } from "./embedded-start.js";
import { entities, migrations } from "./registry.js";
import { assertSchemaNotNewer, SchemaTooNewError, schemaVersion } from "./schema-version.js";

export interface Database {
  dataSource: DataSource;
  /** True when PGlite runs inside this process. */
  embedded: boolean;
  /** The embedded database's socket (it refuses every client but this process's pool). */
  embeddedUrl?: string;
  /** What the pool's connections hear on the auth channel (forward auth's cache listens). */
  authChanges: AuthChangeFeed;
  close(): Promise<void>;
  /**
   * Embedded only: the data dir as a tarball (see control/backup.ts for a consistent one;
   * tests dump one as the template for `memoryTemplate`).
   */
  dumpDataDir?: () => Promise<Uint8Array>;
}

export interface DatabaseOptions {
  /** Tests: keep PGlite in memory instead of under the data dir. */
  memory?: boolean;
  /** Tests: start the in-memory PGlite from this dump of a migrated database. */
  memoryTemplate?: string;
  /** Run pending migrations (the server does; `migrate` does it explicitly). */
  migrate?: boolean;
  /** The caller already holds the data dir's lock (restore moves directories under it). */
  holdsLock?: boolean;
  /** Create the embedded data dir from this tarball (restore). */
  loadDataDir?: Uint8Array;
  /**
   * The embedded database, already starting (see startEmbeddedDatabase), so it is not started
   * twice; its lock and thread are released on failure like one started here.
   */
  started?: Promise<StartedEmbedded>;
}

export async function openDatabase(
  config: Config,
  logger: Logger,
  opts: DatabaseOptions = {},
): Promise<Database> {
  let embedded: EmbeddedPostgres | undefined;
  let lock: DataDirLock | undefined;
  let url = config.databaseUrl;
  if (!url) {
    ({ embedded, lock } = await (opts.started ??
      startEmbeddedDatabase(config, logger, {
        memory: opts.memory,
        holdsLock: opts.holdsLock,
        loadDataDir:
          opts.loadDataDir ??
          (opts.memory && opts.memoryTemplate ? readFileSync(opts.memoryTemplate) : undefined),
      })));
    url = embedded.url;
  }
  const authChanges = new AuthChangeFeed();
  const dataSource = new DataSource({
    type: "postgres",
    // Given, not left to TypeORM's require at connect time: loaded with the rest of the app,
    // while PGlite starts, and part of the build's bundle.
    driver: pg,
    ...connectionOptions(url),
    // The embedded socket serves only connections that carry its owner's name.
    ...(embedded ? { applicationName: embedded.ownerName } : {}),
    entities,
    migrations,
    migrationsTransactionMode: "each",
    synchronize: false,
    uuidExtension: "pgcrypto",
    // The migrations create what the schema needs (gen_random_uuid is core PostgreSQL); left
    // on, TypeORM would try CREATE EXTENSION on every start.
    installExtensions: false,
    logging: false,
    extra: {
      // PGlite is a single session: one connection, or transactions would interleave.
      max: embedded ? 1 : 10,
      connectionTimeoutMillis: 5_000,
      // A request should fail fast, not hang, when the database is gone or stuck.
      query_timeout: 15_000,
      // An in-process database gains nothing from dropping an idle connection (a reconnect
      // works all the same: the session is reset between connections).
      idleTimeoutMillis: embedded ? 0 : 30_000,
      // Each connection LISTENs for auth changes before its first use (db/auth-changes.ts).
      onConnect: authChanges.onConnect,
    },
  });
  try {
    await dataSource.initialize();
    // Every command refuses a schema from a newer Gatehouse, migrating or not.
    if (opts.migrate === false) await assertSchemaNotNewer(dataSource);
    else {
      const migrate = async () => {
        const { pending, unknown } = await schemaVersion(dataSource);
        if (unknown.length > 0) throw new SchemaTooNewError(unknown);
        // Nothing to apply (every start but the first after an upgrade): TypeORM's runner
        // would only read the same table again, more slowly.
        return pending.length > 0 ? dataSource.runMigrations({ transaction: "each" }) : [];
      };
      // PGlite belongs to this process alone (and has one connection, which the lock would hold).
      const ran = embedded ? await migrate() : await underMigrationLock(dataSource, migrate);
      if (ran.length > 0) logger.info({ migrations: ran.map((m) => m.name) }, "migrations applied");
    }
  } catch (err) {
    if (dataSource.isInitialized) await dataSource.destroy().catch(() => {});
    await embedded?.close().catch(() => {});
    await lock?.release();
    throw err;
  }
  return {
    dataSource,
    embedded: embedded !== undefined,
    embeddedUrl: embedded?.url,
    authChanges,
    async close() {
      try {
        if (dataSource.isInitialized) await dataSource.destroy();
        await embedded?.close();
      } finally {
        await lock?.release();
      }
    },
    dumpDataDir: embedded?.dump,
  };
}

/** Any fixed number; every Gatehouse instance uses the same one ("gatehouse" in ASCII). */
const MIGRATION_LOCK = "113723106239861";

/**
 * Instances sharing one PostgreSQL may start at the same moment; TypeORM's runner does not
 * lock, so both would create the same tables and one would fail. A session-level advisory
 * lock, held on its own connection while the migrations run on others, serializes them: the
 * second instance waits, then finds nothing pending.
 */
async function underMigrationLock<T>(dataSource: DataSource, work: () => Promise<T>): Promise<T> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query(`SELECT pg_advisory_lock($1::bigint)`, [MIGRATION_LOCK]);
    try {
      return await work();
    } finally {
      await runner.query(`SELECT pg_advisory_unlock($1::bigint)`, [MIGRATION_LOCK]);
    }
  } finally {
    await runner.release();
  }
}

/** TypeORM ignores `?host=` in a URL, so socket URLs are taken apart here. */
function connectionOptions(url: string) {
  const u = new URL(url);
  const socketHost = u.searchParams.get("host");
  if (!socketHost) return { url };
  return {
    host: socketHost,
    port: Number(u.port || 5432),
    username: decodeURIComponent(u.username || "postgres"),
    password: decodeURIComponent(u.password),
    database: decodeURIComponent(u.pathname.slice(1) || "postgres"),
  };
}
