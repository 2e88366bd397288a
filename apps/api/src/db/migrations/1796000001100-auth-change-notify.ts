import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Forward auth caches sessions, API keys and access decisions in memory
 * (features/forward-auth/verify-cache.ts). Whatever could revoke or change one of them tells
 * every instance on channel `gatehouse_auth_changed`: the users whose entries must go
 * ("u:<id>,<id>"), or "*" for all. Triggers, not application code, so a write made with psql
 * revokes too. Statement-level with transition tables: one notification per statement, not
 * per row (a sweep of expired sessions is one message).
 *
 * Columns written on every use (a session's last_seen_at and sliding expires_at, an API key's
 * last_used_at, a user's last_login_at) are ignored, or the cache would be emptied by its own
 * touches; a session's expires_at moved earlier still counts (`UPDATE sessions SET expires_at
 * = now()` is how someone would end one by hand).
 */
export class AuthChangeNotify1796000001100 implements MigrationInterface {
  name = "AuthChangeNotify1796000001100";

  async up(q: QueryRunner): Promise<void> {
    // TG_ARGV[0]: the column naming the user ("*": any change clears everything); the rest:
    // columns whose change alone does not matter.
    await q.query(`
      CREATE FUNCTION "gatehouse_auth_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        who text := TG_ARGV[0];
        ignored text[] := TG_ARGV[1:];
        ids text[];
      BEGIN
        IF who = '*' OR TG_OP = 'TRUNCATE' THEN
          PERFORM pg_notify('gatehouse_auth_changed', '*');
          RETURN NULL;
        END IF;
        IF TG_OP = 'INSERT' THEN
          SELECT array_agg(DISTINCT to_jsonb(n) ->> who) INTO ids FROM new_rows n;
        ELSIF TG_OP = 'DELETE' THEN
          SELECT array_agg(DISTINCT to_jsonb(o) ->> who) INTO ids FROM old_rows o;
        ELSIF array_length(ignored, 1) IS NULL THEN
          -- No column to ignore (and no id to pair rows by): every user on either side.
          SELECT array_agg(DISTINCT x.id) INTO ids FROM (
            SELECT to_jsonb(o) ->> who AS id FROM old_rows o
            UNION SELECT to_jsonb(n) ->> who FROM new_rows n) x;
        ELSE
          SELECT array_agg(DISTINCT x.id) INTO ids FROM (
            SELECT to_jsonb(o) ->> who AS id, to_jsonb(o) AS a, to_jsonb(n) AS b
              FROM old_rows o JOIN new_rows n ON to_jsonb(o) -> 'id' = to_jsonb(n) -> 'id'
            UNION ALL
            SELECT to_jsonb(n) ->> who, to_jsonb(o), to_jsonb(n)
              FROM old_rows o JOIN new_rows n ON to_jsonb(o) -> 'id' = to_jsonb(n) -> 'id'
          ) x
          WHERE (x.a - ignored) IS DISTINCT FROM (x.b - ignored)
             OR (x.b ->> 'expires_at')::timestamptz < (x.a ->> 'expires_at')::timestamptz;
        END IF;
        IF ids IS NULL THEN
          RETURN NULL;
        END IF;
        -- A NOTIFY payload must stay under 8000 bytes; a bulk change clears everything.
        IF array_length(ids, 1) > 100 THEN
          PERFORM pg_notify('gatehouse_auth_changed', '*');
        ELSE
          PERFORM pg_notify('gatehouse_auth_changed', 'u:' || array_to_string(ids, ','));
        END IF;
        RETURN NULL;
      END $$`);
    for (const t of TRIGGERS) {
      for (const op of t.ops) {
        const referencing =
          op === "INSERT"
            ? `REFERENCING NEW TABLE AS new_rows`
            : op === "DELETE"
              ? `REFERENCING OLD TABLE AS old_rows`
              : `REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows`;
        await q.query(`
          CREATE TRIGGER "TR_${t.table}_auth_${op.toLowerCase()}" AFTER ${op} ON "${t.table}"
          ${referencing}
          FOR EACH STATEMENT EXECUTE FUNCTION "gatehouse_auth_changed"(${t.args})`);
      }
      await q.query(`
        CREATE TRIGGER "TR_${t.table}_auth_truncate" AFTER TRUNCATE ON "${t.table}"
        FOR EACH STATEMENT EXECUTE FUNCTION "gatehouse_auth_changed"('*')`);
    }
    for (const table of WHOLE_TABLES) {
      await q.query(`
        CREATE TRIGGER "TR_${table}_auth_any" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
        ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION "gatehouse_auth_changed"('*')`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of WHOLE_TABLES)
      await q.query(`DROP TRIGGER "TR_${table}_auth_any" ON "${table}"`);
    for (const t of TRIGGERS) {
      for (const op of [...t.ops, "TRUNCATE"]) {
        await q.query(`DROP TRIGGER "TR_${t.table}_auth_${op.toLowerCase()}" ON "${t.table}"`);
      }
    }
    await q.query(`DROP FUNCTION "gatehouse_auth_changed"()`);
  }
}

/**
 * Per-user tables. A new session, key or user cannot be in any cache yet, so only updates
 * and deletes count there; a new membership can turn a cached denial into an allow.
 */
const TRIGGERS: { table: string; ops: ("INSERT" | "UPDATE" | "DELETE")[]; args: string }[] = [
  {
    table: "sessions",
    ops: ["UPDATE", "DELETE"],
    args: `'user_id', 'last_seen_at', 'expires_at', 'ip_address'`,
  },
  { table: "api_keys", ops: ["UPDATE", "DELETE"], args: `'user_id', 'last_used_at'` },
  { table: "users", ops: ["UPDATE", "DELETE"], args: `'id', 'last_login_at', 'updated_at'` },
  { table: "group_members", ops: ["INSERT", "UPDATE", "DELETE"], args: `'user_id'` },
];

/** Rare, and read by every decision (group names, app hosts and rules): any change clears all. */
const WHOLE_TABLES = ["groups", "apps", "app_groups"];
