import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * When the session's owner last proved who they are (sign-in or re-authentication): sensitive
 * operations ask for a recent one. Existing sessions count from their creation.
 */
export class SessionSignedInAt1795600000700 implements MigrationInterface {
  name = "SessionSignedInAt1795600000700";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "sessions" ADD "signed_in_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`UPDATE "sessions" SET "signed_in_at" = "created_at"`);
    await q.query(`ALTER TABLE "sessions" ALTER COLUMN "signed_in_at" SET NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "sessions" DROP COLUMN "signed_in_at"`);
  }
}
