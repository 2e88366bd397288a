import type { MigrationInterface, QueryRunner } from "typeorm";

/** Magic-link tokens (hashes only) and pending Google redirect flows. */
export class SignInLinks1795401949941 implements MigrationInterface {
  name = "SignInLinks1795401949941";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "magic_links" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "user_id" uuid NOT NULL,
        "token_hash" varchar(64) NOT NULL,
        "origin" varchar(16) NOT NULL,
        "actor_id" uuid,
        "created_at" timestamptz NOT NULL,
        "expires_at" timestamptz NOT NULL,
        "used_at" timestamptz,
        "superseded_at" timestamptz,
        "delivery" varchar(16) NOT NULL,
        "delivery_error" varchar(300),
        "delivery_attempts" integer NOT NULL DEFAULT 0,
        "delivery_updated_at" timestamptz,
        CONSTRAINT "PK_magic_links" PRIMARY KEY ("id"),
        CONSTRAINT "FK_magic_links_user" FOREIGN KEY ("user_id")
          REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
      )`);
    await q.query(`CREATE INDEX "IDX_magic_links_user_id" ON "magic_links" ("user_id")`);
    await q.query(
      `CREATE UNIQUE INDEX "UQ_magic_links_token_hash" ON "magic_links" ("token_hash")`,
    );
    await q.query(`
      CREATE TABLE "google_oauth_states" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "state_hash" varchar(64) NOT NULL,
        "browser_hash" varchar(64) NOT NULL,
        "code_verifier" varchar(128) NOT NULL,
        "nonce" varchar(64) NOT NULL,
        "created_at" timestamptz NOT NULL,
        "expires_at" timestamptz NOT NULL,
        "used_at" timestamptz,
        CONSTRAINT "PK_google_oauth_states" PRIMARY KEY ("id")
      )`);
    await q.query(
      `CREATE UNIQUE INDEX "UQ_google_oauth_states_state_hash" ON "google_oauth_states" ("state_hash")`,
    );
    await q.query(
      `CREATE INDEX "IDX_google_oauth_states_expires_at" ON "google_oauth_states" ("expires_at")`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "google_oauth_states"`);
    await q.query(`DROP TABLE "magic_links"`);
  }
}
