import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Account lifecycle (issue 16): what a sign-in link is for (signing in, or resetting a
 * password), and pending email changes that wait for a click in the new mailbox.
 */
export class AccountLifecycle1796000000800 implements MigrationInterface {
  name = "AccountLifecycle1796000000800";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "magic_links" ADD "purpose" varchar(16) NOT NULL DEFAULT 'sign_in'`);
    await q.query(`
      CREATE TABLE "email_changes" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "user_id" uuid NOT NULL,
        "new_email" varchar(254) NOT NULL,
        "token_hash" varchar(64) NOT NULL,
        "created_at" timestamptz NOT NULL,
        "expires_at" timestamptz NOT NULL,
        "used_at" timestamptz,
        CONSTRAINT "PK_email_changes" PRIMARY KEY ("id"),
        CONSTRAINT "FK_email_changes_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE
      )`);
    await q.query(
      `CREATE UNIQUE INDEX "UQ_email_changes_token_hash" ON "email_changes" ("token_hash")`,
    );
    await q.query(`CREATE INDEX "IDX_email_changes_user_id" ON "email_changes" ("user_id")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "email_changes"`);
    await q.query(`ALTER TABLE "magic_links" DROP COLUMN "purpose"`);
  }
}
