import type { MigrationInterface, QueryRunner } from "typeorm";

export class Secrets1795401922207 implements MigrationInterface {
  name = "Secrets1795401922207";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "variables" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "owner_id" uuid NOT NULL,
        "name" varchar(128) NOT NULL,
        "ciphertext" text NOT NULL,
        "key_fingerprint" varchar(32) NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_variables" PRIMARY KEY ("id"),
        CONSTRAINT "FK_variables_owner" FOREIGN KEY ("owner_id")
          REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE NO ACTION
      )`);
    await q.query(
      `CREATE UNIQUE INDEX "UQ_variables_owner_name" ON "variables" ("owner_id", "name")`,
    );
    await q.query(`
      CREATE TABLE "secret_key_check" (
        "id" smallint NOT NULL,
        "ciphertext" text NOT NULL,
        "key_fingerprint" varchar(32) NOT NULL,
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_secret_key_check" PRIMARY KEY ("id")
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "secret_key_check"`);
    await q.query(`DROP TABLE "variables"`);
  }
}
