import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Search reads user_search now (see UserSearch1795500000000); the two trigram indexes on
 * users answer no query any more, yet every user insert and rename still pays for them
 * (about 140 MB and 40% of the insert time at a million users).
 */
export class DropUsersTrigramIndexes1795500000001 implements MigrationInterface {
  name = "DropUsersTrigramIndexes1795500000001";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS "IDX_users_username_key_trgm"`);
    await q.query(`DROP INDEX IF EXISTS "IDX_users_email_trgm"`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX "IDX_users_username_key_trgm" ON "users" USING gin ("username_key" gin_trgm_ops)`,
    );
    await q.query(
      `CREATE INDEX "IDX_users_email_trgm" ON "users" USING gin ("email" gin_trgm_ops)`,
    );
  }
}
