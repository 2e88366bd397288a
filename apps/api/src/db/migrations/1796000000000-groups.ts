import type { MigrationInterface, QueryRunner } from "typeorm";

/** Groups and their members: apps admit members of listed groups (issue 14). */
export class Groups1796000000000 implements MigrationInterface {
  name = "Groups1796000000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "groups" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "name" varchar(64) NOT NULL,
        "name_key" varchar(64) NOT NULL,
        "description" varchar(256) NOT NULL DEFAULT '',
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_groups" PRIMARY KEY ("id")
      )`);
    await q.query(`CREATE UNIQUE INDEX "UQ_groups_name_key" ON "groups" ("name_key")`);
    await q.query(`
      CREATE TABLE "group_members" (
        "group_id" uuid NOT NULL,
        "user_id" uuid NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_group_members" PRIMARY KEY ("group_id", "user_id"),
        CONSTRAINT "FK_group_members_group" FOREIGN KEY ("group_id") REFERENCES "groups"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_group_members_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX "IDX_group_members_user" ON "group_members" ("user_id")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "group_members"`);
    await q.query(`DROP TABLE "groups"`);
  }
}
