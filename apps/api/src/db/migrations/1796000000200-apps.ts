import type { MigrationInterface, QueryRunner } from "typeorm";

/** Registered apps and the groups they admit (issue 14). */
export class Apps1796000000200 implements MigrationInterface {
  name = "Apps1796000000200";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "apps" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "name" varchar(64) NOT NULL,
        "name_key" varchar(64) NOT NULL,
        "hosts" text array NOT NULL,
        "access" varchar(16) NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_apps" PRIMARY KEY ("id")
      )`);
    await q.query(`CREATE UNIQUE INDEX "UQ_apps_name_key" ON "apps" ("name_key")`);
    await q.query(`CREATE INDEX "IDX_apps_hosts" ON "apps" USING gin ("hosts")`);
    await q.query(`
      CREATE TABLE "app_groups" (
        "app_id" uuid NOT NULL,
        "group_id" uuid NOT NULL,
        CONSTRAINT "PK_app_groups" PRIMARY KEY ("app_id", "group_id"),
        CONSTRAINT "FK_app_groups_app" FOREIGN KEY ("app_id") REFERENCES "apps"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_app_groups_group" FOREIGN KEY ("group_id") REFERENCES "groups"("id") ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX "IDX_app_groups_group" ON "app_groups" ("group_id")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "app_groups"`);
    await q.query(`DROP TABLE "apps"`);
  }
}
