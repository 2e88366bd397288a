import type { MigrationInterface, QueryRunner } from "typeorm";

/** API keys and service accounts (issue 14): bearer keys stored as SHA-256, owned by users. */
export class ApiKeys1796000000300 implements MigrationInterface {
  name = "ApiKeys1796000000300";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "users" ADD "is_service_account" boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE "users" ADD "description" varchar(256) NOT NULL DEFAULT ''`);
    await q.query(`
      CREATE TABLE "api_keys" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "user_id" uuid NOT NULL,
        "name" varchar(64) NOT NULL,
        "prefix" varchar(32) NOT NULL,
        "token_hash" varchar(64) NOT NULL,
        "app_ids" text array,
        "group_ids" uuid array,
        "expires_at" timestamptz,
        "last_used_at" timestamptz,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_api_keys" PRIMARY KEY ("id"),
        CONSTRAINT "FK_api_keys_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE
      )`);
    await q.query(`CREATE UNIQUE INDEX "UQ_api_keys_token_hash" ON "api_keys" ("token_hash")`);
    await q.query(`CREATE INDEX "IDX_api_keys_user" ON "api_keys" ("user_id")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "api_keys"`);
    await q.query(`ALTER TABLE "users" DROP COLUMN "description"`);
    await q.query(`ALTER TABLE "users" DROP COLUMN "is_service_account"`);
  }
}
