import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Linking Google from My account: a redirect flow can carry a link intent bound to the
 * session that started it. And googleSignIn remembers the ID tokens it accepted (hashes, until
 * they expire), so the same token cannot sign in twice on any instance.
 */
export class GoogleLinks1795600000800 implements MigrationInterface {
  name = "GoogleLinks1795600000800";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "google_oauth_states" ADD "link_user_id" uuid`);
    await q.query(`ALTER TABLE "google_oauth_states" ADD "link_session_id" uuid`);
    await q.query(`
      CREATE TABLE "google_id_token_uses" (
        "token_hash" varchar(64) NOT NULL,
        "expires_at" timestamptz NOT NULL,
        CONSTRAINT "PK_google_id_token_uses" PRIMARY KEY ("token_hash")
      )`);
    await q.query(
      `CREATE INDEX "IDX_google_id_token_uses_expires_at" ON "google_id_token_uses" ("expires_at")`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "google_id_token_uses"`);
    await q.query(`ALTER TABLE "google_oauth_states" DROP COLUMN "link_session_id"`);
    await q.query(`ALTER TABLE "google_oauth_states" DROP COLUMN "link_user_id"`);
  }
}
