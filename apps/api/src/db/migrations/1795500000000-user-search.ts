import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The pool's 15 s query timeout is meant for requests; at a million users, building the
 * trigram index alone takes about 10 s on a busy 2-core machine. Same connection, so same
 * transaction.
 */
async function slowQuery(q: QueryRunner, text: string): Promise<void> {
  const client = await q.connect();
  await client.query({ text, query_timeout: 30 * 60_000 });
}

/**
 * A narrow copy of what users(search:) reads: username_key, email and the three filter flags,
 * one row per user, with a trigram index over both texts. Checking a trigram candidate then
 * reads an ~90-byte row from a table small enough to stay in shared_buffers, not a wide
 * users row that usually is not (at 1M users, users + its indexes exceed the default 128 MB).
 *
 * Triggers on users keep it in step inside the writing transaction, whoever writes (the
 * service, the CLI, plain SQL); deleting a user cascades.
 */
export class UserSearch1795500000000 implements MigrationInterface {
  name = "UserSearch1795500000000";

  async up(q: QueryRunner): Promise<void> {
    // No writes to users until this commits: one that slipped in between the backfill and
    // the triggers would be missing from the copy. Reads go on; writes (a sign-in's
    // last_login_at too) wait, for about 15 s at a million users.
    await q.query(`LOCK TABLE "users" IN SHARE ROW EXCLUSIVE MODE`);
    // Fixed-width columns first: the row packs without alignment padding. Constraints and
    // the index come after the backfill: building them once is faster than row by row.
    await q.query(`
      CREATE TABLE "user_search" (
        "user_id" uuid NOT NULL,
        "is_active" boolean NOT NULL,
        "is_superuser" boolean NOT NULL,
        "email_verified" boolean NOT NULL,
        "username_key" varchar(64) NOT NULL,
        "email" varchar(254)
      )`);
    await slowQuery(
      q,
      `INSERT INTO "user_search"
       SELECT "id", "is_active", "is_superuser", "email_verified", "username_key", "email" FROM "users"`,
    );
    await slowQuery(
      q,
      `ALTER TABLE "user_search" ADD CONSTRAINT "PK_user_search" PRIMARY KEY ("user_id")`,
    );
    await slowQuery(
      q,
      `ALTER TABLE "user_search" ADD CONSTRAINT "FK_user_search_user"
       FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE`,
    );
    // One index over both fields (one scan instead of two OR-ed ones). The newline is not a
    // letter or digit, so no trigram spans the two fields; queries still test each field on
    // its own, so a pattern can never match across them. The expression must stay identical
    // to SEARCH_TEXT in user-list.ts. New entries wait in a pending list that every search
    // scans until it is merged; 1 MB (default 4 MB) keeps that scan under a millisecond while
    // bulk inserts still merge in batches (fastupdate off made them three times slower).
    await slowQuery(
      q,
      `CREATE INDEX "IDX_user_search_trgm" ON "user_search"
       USING gin (("username_key" || E'\\n' || coalesce("email", '')) gin_trgm_ops)
       WITH (gin_pending_list_limit = 1024)`,
    );

    // Inserts: one set-based insert per statement, so bulk loads do not pay a call per row.
    await q.query(`
      CREATE FUNCTION "user_search_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO "user_search"
        SELECT "id", "is_active", "is_superuser", "email_verified", "username_key", "email"
          FROM "inserted_users";
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER "TR_users_search_insert" AFTER INSERT ON "users"
      REFERENCING NEW TABLE AS "inserted_users"
      FOR EACH STATEMENT EXECUTE FUNCTION "user_search_insert"()`);

    // Updates: per row, and only when a copied column really changes, so frequent writes such
    // as last_login_at never fire it.
    await q.query(`
      CREATE FUNCTION "user_search_update"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE "user_search"
           SET "is_active" = NEW."is_active", "is_superuser" = NEW."is_superuser",
               "email_verified" = NEW."email_verified", "username_key" = NEW."username_key",
               "email" = NEW."email"
         WHERE "user_id" = NEW."id";
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER "TR_users_search_update"
      AFTER UPDATE OF "is_active", "is_superuser", "email_verified", "username_key", "email"
      ON "users" FOR EACH ROW
      WHEN (OLD."is_active" IS DISTINCT FROM NEW."is_active"
         OR OLD."is_superuser" IS DISTINCT FROM NEW."is_superuser"
         OR OLD."email_verified" IS DISTINCT FROM NEW."email_verified"
         OR OLD."username_key" IS DISTINCT FROM NEW."username_key"
         OR OLD."email" IS DISTINCT FROM NEW."email")
      EXECUTE FUNCTION "user_search_update"()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER "TR_users_search_update" ON "users"`);
    await q.query(`DROP TRIGGER "TR_users_search_insert" ON "users"`);
    await q.query(`DROP FUNCTION "user_search_update"()`);
    await q.query(`DROP FUNCTION "user_search_insert"()`);
    await q.query(`DROP TABLE "user_search"`);
  }
}
