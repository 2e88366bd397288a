import type { MigrationInterface, QueryRunner } from "typeorm";

/** As in 1795500000000: building on a million users outlasts the pool's 15 s query timeout. */
async function slowQuery(q: QueryRunner, text: string): Promise<void> {
  const client = await q.connect();
  await client.query({ text, query_timeout: 30 * 60_000 });
}

const FLAGS = `"is_active", "is_superuser", "email_verified"`;

/** Adds each group's delta in key order, so concurrent writers lock counter rows alike. */
const applyDeltas = (deltas: string) => `
  FOR r IN ${deltas} ORDER BY 1, 2, 3 LOOP
    INSERT INTO "user_counts" (${FLAGS}, "n") VALUES (r.a, r.s, r.v, r.d)
    ON CONFLICT (${FLAGS}) DO UPDATE SET "n" = "user_counts"."n" + EXCLUDED."n";
  END LOOP;`;

/** The rows a transition table holds, per flag combination, as a, s, v and the delta d. */
const grouped = (table: string, sign: "" | "-") =>
  `SELECT "is_active" a, "is_superuser" s, "email_verified" v, ${sign}count(*) d
     FROM "${table}" GROUP BY 1, 2, 3`;

/**
 * users() without a search counted the whole table for totalCount (about 100 ms at a
 * million users). user_counts keeps the exact number of users per combination of the three
 * filter flags, so any filter's total is a sum over at most eight rows.
 *
 * Statement triggers on users keep it exact inside the writing transaction, whoever writes:
 * one upsert per flag combination a statement touches (bulk loads pay per statement, not per
 * row), applied in key order so writers on several rows cannot deadlock; an UPDATE that
 * changes no flag writes nothing. Concurrent writers of the same combination queue on its
 * row until commit, which is fine at the rate accounts are created.
 *
 * The index serves filtered pages: one ordered range scan per flag combination the filter
 * allows, merged, instead of walking the username index past every user that does not match
 * (a rare flag, such as superusers, meant reading the whole table).
 */
export class UserCounts1795600000400 implements MigrationInterface {
  name = "UserCounts1795600000400";

  async up(q: QueryRunner): Promise<void> {
    // No writes to users until this commits: one between the backfill and the triggers would
    // be missing from the counts.
    await q.query(`LOCK TABLE "users" IN SHARE ROW EXCLUSIVE MODE`);
    await q.query(`
      CREATE TABLE "user_counts" (
        "is_active" boolean NOT NULL,
        "is_superuser" boolean NOT NULL,
        "email_verified" boolean NOT NULL,
        "n" bigint NOT NULL DEFAULT 0,
        CONSTRAINT "PK_user_counts" PRIMARY KEY (${FLAGS})
      )`);
    // Every combination exists from the start, so writers only ever update rows.
    await slowQuery(
      q,
      `INSERT INTO "user_counts" (${FLAGS}, "n")
       SELECT a, s, v, count(u."id")
         FROM unnest(ARRAY[false, true]) a CROSS JOIN unnest(ARRAY[false, true]) s
              CROSS JOIN unnest(ARRAY[false, true]) v
              LEFT JOIN "users" u
                ON u."is_active" = a AND u."is_superuser" = s AND u."email_verified" = v
        GROUP BY 1, 2, 3`,
    );
    await slowQuery(
      q,
      `CREATE INDEX "IDX_users_flags_username" ON "users" (${FLAGS}, "username_key")`,
    );

    await q.query(`
      CREATE FUNCTION "user_counts_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE r record;
      BEGIN ${applyDeltas(grouped("counted_new", ""))}
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE FUNCTION "user_counts_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE r record;
      BEGIN ${applyDeltas(grouped("counted_old", "-"))}
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE FUNCTION "user_counts_update"() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE r record;
      BEGIN ${applyDeltas(`SELECT a, s, v, sum(d) d
               FROM (${grouped("counted_old", "-")} UNION ALL ${grouped("counted_new", "")}) x
              GROUP BY 1, 2, 3 HAVING sum(d) <> 0`)}
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE FUNCTION "user_counts_truncate"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE "user_counts" SET "n" = 0;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER "TR_users_counts_insert" AFTER INSERT ON "users"
      REFERENCING NEW TABLE AS "counted_new"
      FOR EACH STATEMENT EXECUTE FUNCTION "user_counts_insert"()`);
    await q.query(`
      CREATE TRIGGER "TR_users_counts_delete" AFTER DELETE ON "users"
      REFERENCING OLD TABLE AS "counted_old"
      FOR EACH STATEMENT EXECUTE FUNCTION "user_counts_delete"()`);
    // Transition tables allow no column list, so this runs for every UPDATE of users; it
    // only writes when a flag really changed.
    await q.query(`
      CREATE TRIGGER "TR_users_counts_update" AFTER UPDATE ON "users"
      REFERENCING OLD TABLE AS "counted_old" NEW TABLE AS "counted_new"
      FOR EACH STATEMENT EXECUTE FUNCTION "user_counts_update"()`);
    await q.query(`
      CREATE TRIGGER "TR_users_counts_truncate" AFTER TRUNCATE ON "users"
      FOR EACH STATEMENT EXECUTE FUNCTION "user_counts_truncate"()`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ["truncate", "update", "delete", "insert"]) {
      await q.query(`DROP TRIGGER "TR_users_counts_${t}" ON "users"`);
      await q.query(`DROP FUNCTION "user_counts_${t}"()`);
    }
    await q.query(`DROP INDEX "IDX_users_flags_username"`);
    await q.query(`DROP TABLE "user_counts"`);
  }
}
