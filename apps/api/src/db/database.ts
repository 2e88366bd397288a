import { DataSource } from "typeorm";
import type { Config } from "../config/config.js";
import type { Logger } from "../logger.js";
import { type EmbeddedPostgres, startEmbeddedPostgres } from "./embedded.js";
import { entities, migrations } from "./registry.js";

export interface Database {
  dataSource: DataSource;
  /** True when PGlite runs inside this process. */
  embedded: boolean;
  /** Tests: the embedded database's files as a tarball (a template for `memoryTemplate`). */
  dumpEmbedded?(path: string): Promise<void>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** Tests: keep PGlite in memory instead of under the data dir. */
  memory?: boolean;
  /** Tests: start the in-memory PGlite from this dump of a migrated database. */
  memoryTemplate?: string;
  /** Run pending migrations (the server does; `migrate` does it explicitly). */
  migrate?: boolean;
}

export async function openDatabase(
  config: Config,
  logger: Logger,
  opts: DatabaseOptions = {},
): Promise<Database> {
  let embedded: EmbeddedPostgres | undefined;
  let url = config.databaseUrl;
  if (!url) {
    embedded = await startEmbeddedPostgres(
      opts.memory ? "memory" : config.dataDir,
      (err) => logger.error({ err: err.message }, "the embedded database stopped"),
      opts.memoryTemplate,
    );
    url = embedded.url;
  }
  const dataSource = new DataSource({
    type: "postgres",
    ...connectionOptions(url),
    entities,
    migrations,
    migrationsTransactionMode: "each",
    synchronize: false,
    uuidExtension: "pgcrypto",
    logging: false,
    extra: {
      // PGlite is a single session: one connection, or transactions would interleave.
      max: embedded ? 1 : 10,
      connectionTimeoutMillis: 5_000,
      // A request should fail fast, not hang, when the database is gone or stuck.
      query_timeout: 15_000,
      idleTimeoutMillis: 30_000,
    },
  });
  try {
    await dataSource.initialize();
    if (opts.migrate !== false) {
      const migrate = () => dataSource.runMigrations({ transaction: "each" });
      // PGlite belongs to this process alone (and has one connection, which the lock would hold).
      const ran = embedded ? await migrate() : await underMigrationLock(dataSource, migrate);
      if (ran.length > 0) logger.info({ migrations: ran.map((m) => m.name) }, "migrations applied");
    }
  } catch (err) {
    if (dataSource.isInitialized) await dataSource.destroy().catch(() => {});
    await embedded?.close().catch(() => {});
    throw err;
  }
  return {
    dataSource,
    embedded: embedded !== undefined,
    dumpEmbedded: embedded && ((path) => (embedded as EmbeddedPostgres).dump(path)),
    async close() {
      if (dataSource.isInitialized) await dataSource.destroy();
      await embedded?.close();
    },
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
