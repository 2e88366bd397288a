import type { MigrationInterface, QueryRunner } from "typeorm";

/** Gatehouse as an OpenID Connect provider (issue 15): payloads, keys, clients, grant links. */
export class Oidc1796000000700 implements MigrationInterface {
  name = "Oidc1796000000700";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "oidc_payloads" (
        "model" varchar(32) NOT NULL,
        "id" varchar(255) NOT NULL,
        "payload" jsonb NOT NULL,
        "grant_id" varchar(255),
        "user_code" varchar(255),
        "uid" varchar(255),
        "expires_at" timestamptz,
        "consumed_at" timestamptz,
        CONSTRAINT "PK_oidc_payloads" PRIMARY KEY ("model", "id")
      )`);
    await q.query(`CREATE INDEX "IDX_oidc_payloads_grant_id" ON "oidc_payloads" ("grant_id")`);
    await q.query(`CREATE INDEX "IDX_oidc_payloads_user_code" ON "oidc_payloads" ("user_code")`);
    await q.query(`CREATE INDEX "IDX_oidc_payloads_uid" ON "oidc_payloads" ("uid")`);
    await q.query(`CREATE INDEX "IDX_oidc_payloads_expires_at" ON "oidc_payloads" ("expires_at")`);
    await q.query(`
      CREATE TABLE "oidc_signing_keys" (
        "kid" varchar(64) NOT NULL,
        "alg" varchar(8) NOT NULL,
        "ciphertext" text NOT NULL,
        "key_fingerprint" varchar(32) NOT NULL,
        "public_jwk" jsonb NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "retired_at" timestamptz,
        CONSTRAINT "PK_oidc_signing_keys" PRIMARY KEY ("kid")
      )`);
    await q.query(`
      CREATE TABLE "oidc_clients" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "client_id" varchar(64) NOT NULL,
        "name" varchar(128) NOT NULL,
        "secret_hash" varchar(64),
        "previous_secret_hash" varchar(64),
        "previous_secret_expires_at" timestamptz,
        "redirect_uris" text array NOT NULL DEFAULT '{}',
        "post_logout_redirect_uris" text array NOT NULL DEFAULT '{}',
        "is_public" boolean NOT NULL DEFAULT false,
        "first_party" boolean NOT NULL DEFAULT false,
        "grant_types" text array NOT NULL DEFAULT '{}',
        "access_token_format" varchar(8) NOT NULL DEFAULT 'opaque',
        "app_id" varchar(128),
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_oidc_clients" PRIMARY KEY ("id")
      )`);
    await q.query(
      `CREATE UNIQUE INDEX "UQ_oidc_clients_client_id" ON "oidc_clients" ("client_id")`,
    );
    await q.query(`
      CREATE TABLE "oidc_grant_sessions" (
        "grant_id" varchar(255) NOT NULL,
        "session_id" uuid NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_oidc_grant_sessions" PRIMARY KEY ("grant_id"),
        CONSTRAINT "FK_oidc_grant_sessions_session" FOREIGN KEY ("session_id") REFERENCES "sessions"("id") ON DELETE CASCADE
      )`);
    await q.query(
      `CREATE INDEX "IDX_oidc_grant_sessions_session" ON "oidc_grant_sessions" ("session_id")`,
    );
    // A session that ends (sign-out, revocation, deactivation, pruning) takes the tokens of the
    // grants given in it along, on every instance and whoever deletes the session row.
    await q.query(`
      CREATE FUNCTION "oidc_grant_session_ended"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM "oidc_payloads" WHERE "grant_id" = OLD."grant_id";
        RETURN OLD;
      END $$`);
    await q.query(`
      CREATE TRIGGER "TR_oidc_grant_sessions_ended" AFTER DELETE ON "oidc_grant_sessions"
      FOR EACH ROW EXECUTE FUNCTION "oidc_grant_session_ended"()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "oidc_grant_sessions"`);
    await q.query(`DROP FUNCTION "oidc_grant_session_ended"()`);
    await q.query(`DROP TABLE "oidc_clients"`);
    await q.query(`DROP TABLE "oidc_signing_keys"`);
    await q.query(`DROP TABLE "oidc_payloads"`);
  }
}
