import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Audit rows name people (issue 16): the actor's and target's usernames are copied into the
 * row when it is written, so the trail still says who after a user is renamed or deleted.
 * Existing rows get the names of users who still exist; an index serves "events by this actor".
 */
export class AuditUsernames1796000001600 implements MigrationInterface {
  name = "AuditUsernames1796000001600";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "audit_events" ADD "actor_username" varchar(64)`);
    await q.query(`ALTER TABLE "audit_events" ADD "target_username" varchar(64)`);
    await q.query(`UPDATE "audit_events" e SET "actor_username" = u."username"
      FROM "users" u WHERE e."actor_id" = u."id"::text`);
    await q.query(`UPDATE "audit_events" e SET "target_username" = u."username"
      FROM "users" u WHERE e."target_id" = u."id"::text`);
    await q.query(
      `CREATE INDEX "IDX_audit_events_actor_id_id" ON "audit_events" ("actor_id", "id")`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_audit_events_actor_id_id"`);
    await q.query(`ALTER TABLE "audit_events" DROP COLUMN "target_username"`);
    await q.query(`ALTER TABLE "audit_events" DROP COLUMN "actor_username"`);
  }
}
