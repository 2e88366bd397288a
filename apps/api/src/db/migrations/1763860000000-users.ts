import type { MigrationInterface, QueryRunner } from "typeorm";

export class Users1763860000000 implements MigrationInterface {
  name = "Users1763860000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "users" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "username" varchar(64) NOT NULL,
        "username_key" varchar(64) NOT NULL,
        "email" varchar(254),
        "email_verified" boolean NOT NULL DEFAULT false,
        "is_active" boolean NOT NULL DEFAULT false,
        "is_superuser" boolean NOT NULL DEFAULT false,
        "password_hash" varchar(255),
        "auth_methods" text[] NOT NULL DEFAULT '{}',
        "google_subject" varchar(255),
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        "last_login_at" timestamptz,
        CONSTRAINT "PK_users" PRIMARY KEY ("id")
      )`);
    await q.query(`CREATE UNIQUE INDEX "UQ_users_username_key" ON "users" ("username_key")`);
    await q.query(`CREATE UNIQUE INDEX "UQ_users_email" ON "users" ("email")`);
    await q.query(`CREATE UNIQUE INDEX "UQ_users_google_subject" ON "users" ("google_subject")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "users"`);
  }
}
