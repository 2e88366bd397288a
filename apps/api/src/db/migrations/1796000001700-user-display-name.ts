import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * A person's shown name (issue 16): sent as Remote-Name by forward auth and as the OIDC `name`
 * claim, falling back to the username when null. The users auth-change trigger (migration
 * 1796000001100) ignores only last_login_at and updated_at, so changing this column already
 * drops the user's cached forward-auth entries: the next /auth/verify sends the new name.
 */
export class UserDisplayName1796000001700 implements MigrationInterface {
  name = "UserDisplayName1796000001700";

  async up(q: QueryRunner): Promise<void> {
    // varchar counts characters, matching Limits.displayNameMax (code points).
    await q.query(`ALTER TABLE "users" ADD "display_name" varchar(100)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "users" DROP COLUMN "display_name"`);
  }
}
