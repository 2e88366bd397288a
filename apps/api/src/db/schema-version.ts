import type { DataSource } from "typeorm";

/**
 * The database's schema compared with this build's migrations: `pending` are ours and not
 * applied yet, `unknown` were applied by some other (newer) Gatehouse.
 */
export interface SchemaVersion {
  pending: string[];
  unknown: string[];
}

export async function schemaVersion(dataSource: DataSource): Promise<SchemaVersion> {
  const known = dataSource.migrations.map(
    (m) => (m as { name?: string }).name ?? m.constructor.name,
  );
  // Read directly, not through TypeORM's MigrationExecutor: that asks information_schema
  // whether its table exists (creating it if not), several times slower than a catalog
  // lookup, on PGlite most of all; start-up and every /readyz pay for it.
  const [{ present }] = (await dataSource.query(
    `SELECT to_regclass('migrations') IS NOT NULL AS "present"`,
  )) as [{ present: boolean }];
  const applied = present
    ? ((await dataSource.query(`SELECT "name" FROM "migrations"`)) as { name: string }[]).map(
        (m) => m.name,
      )
    : [];
  return {
    pending: known.filter((name) => !applied.includes(name)),
    unknown: applied.filter((name) => !known.includes(name)),
  };
}

/**
 * Refuses a database a newer Gatehouse has migrated: this build does not know what those
 * migrations changed, and writing through its older idea of the tables could lose data.
 */
export class SchemaTooNewError extends Error {
  constructor(readonly unknown: string[]) {
    super(
      `the database was migrated by a newer Gatehouse (unknown migration ${unknown.join(", ")}); ` +
        "upgrade Gatehouse or restore a backup",
    );
    this.name = "SchemaTooNewError";
  }
}

export async function assertSchemaNotNewer(dataSource: DataSource): Promise<void> {
  const { unknown } = await schemaVersion(dataSource);
  if (unknown.length > 0) throw new SchemaTooNewError(unknown);
}
