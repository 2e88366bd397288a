import type { MigrationInterface, QueryRunner } from "typeorm";

/** Sessions, the audit log and rate-limit counters. */
export class Accounts1795401873865 implements MigrationInterface {
  name = "Accounts1795401873865";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "sessions" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "user_id" uuid NOT NULL,
        "token_hash" varchar(64) NOT NULL,
        "method" varchar(16) NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "last_seen_at" timestamptz NOT NULL,
        "expires_at" timestamptz NOT NULL,
        "user_agent" varchar(512),
        "ip_address" varchar(64),
        CONSTRAINT "PK_sessions" PRIMARY KEY ("id"),
        CONSTRAINT "FK_sessions_user_id" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX "IDX_sessions_user_id" ON "sessions" ("user_id")`);
    await q.query(`CREATE UNIQUE INDEX "UQ_sessions_token_hash" ON "sessions" ("token_hash")`);
    await q.query(`CREATE INDEX "IDX_sessions_expires_at" ON "sessions" ("expires_at")`);

    await q.query(`
      CREATE TABLE "audit_events" (
        "id" bigserial NOT NULL,
        "at" timestamptz NOT NULL DEFAULT now(),
        "action" varchar(64) NOT NULL,
        "actor_id" varchar(64),
        "target_id" varchar(128),
        "ip_address" varchar(64),
        "detail" varchar(500),
        CONSTRAINT "PK_audit_events" PRIMARY KEY ("id")
      )`);
    await q.query(`CREATE INDEX "IDX_audit_events_action_id" ON "audit_events" ("action", "id")`);
    await q.query(
      `CREATE INDEX "IDX_audit_events_target_id_id" ON "audit_events" ("target_id", "id")`,
    );

    await q.query(`
      CREATE TABLE "rate_limits" (
        "bucket" varchar(64) NOT NULL,
        "key" varchar(255) NOT NULL,
        "hits" integer NOT NULL DEFAULT 0,
        "window_started_at" timestamptz NOT NULL,
        "locked_until" timestamptz,
        "strikes" integer NOT NULL DEFAULT 0,
        "updated_at" timestamptz NOT NULL,
        CONSTRAINT "PK_rate_limits" PRIMARY KEY ("bucket", "key")
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "rate_limits"`);
    await q.query(`DROP TABLE "audit_events"`);
    await q.query(`DROP TABLE "sessions"`);
  }
}
