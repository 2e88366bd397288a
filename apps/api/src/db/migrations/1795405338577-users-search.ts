import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Substring search on usernames and emails (`LIKE '%abc%'`) at a million users: trigram
 * GIN indexes answer patterns of three or more characters without scanning the table.
 */
export class UsersSearch1795405338577 implements MigrationInterface {
  name = "UsersSearch1795405338577";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(
      `CREATE INDEX "IDX_users_username_key_trgm" ON "users" USING gin ("username_key" gin_trgm_ops)`,
    );
    await q.query(
      `CREATE INDEX "IDX_users_email_trgm" ON "users" USING gin ("email" gin_trgm_ops)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_users_email_trgm"`);
    await q.query(`DROP INDEX "IDX_users_username_key_trgm"`);
  }
}
