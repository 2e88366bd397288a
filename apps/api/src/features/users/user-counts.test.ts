import pg from "pg";
import type { DataSource } from "typeorm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { usingPostgres } from "../../../test/helpers/database.js";
import { startTestServer, type TestServer } from "../../../test/helpers/test-server.js";
import { UserEntity } from "./user.entity.js";
import { listUsers, type UserListQuery } from "./user-list.js";

// users() totals come from user_counts, kept by triggers on users (migration 1795600000400):
// after every kind of write, and under concurrent writers, they must equal count(*).

const BOTH = [null, false, true] as const;
/** Every filter users() accepts: each flag unset, false or true (27 in all). */
const FILTERS: UserListQuery[] = BOTH.flatMap((isActive) =>
  BOTH.flatMap((isSuperuser) =>
    BOTH.map((emailVerified) => ({ isActive, isSuperuser, emailVerified })),
  ),
);

async function exactCount(ds: DataSource, f: UserListQuery): Promise<number> {
  const [row] = (await ds.query(
    `SELECT count(*)::int AS n FROM users
      WHERE ($1::boolean IS NULL OR is_active = $1) AND ($2::boolean IS NULL OR is_superuser = $2)
        AND ($3::boolean IS NULL OR email_verified = $3)`,
    [f.isActive, f.isSuperuser, f.emailVerified],
  )) as { n: number }[];
  return row!.n;
}

/** totalCount of every filter next to count(*): equal, or the test names the filter. */
async function compareAll(server: TestServer) {
  const ds = server.app.database.dataSource;
  const repo = server.app.services.users.repo;
  const rows: { filter: string; totalCount: number; exact: number }[] = [];
  for (const f of FILTERS) {
    const page = await listUsers(repo, { ...f, first: 1 });
    rows.push({
      filter: JSON.stringify(f),
      totalCount: page.totalCount,
      exact: await exactCount(ds, f),
    });
  }
  return rows;
}

function expectExact(rows: Awaited<ReturnType<typeof compareAll>>) {
  expect(rows.filter((r) => r.totalCount !== r.exact)).toEqual([]);
}

const insertUsers = (prefix: string, n: number) =>
  `INSERT INTO users (username, username_key, is_active, is_superuser, email_verified)
   SELECT '${prefix}' || g, '${prefix}' || g, g % 2 = 0, g % 7 = 0, g % 3 = 0
     FROM generate_series(1, ${n}) g`;

describe("users() totalCount from the trigger-kept counters", () => {
  let server: TestServer;
  let ds: DataSource;
  beforeAll(async () => {
    server = await startTestServer();
    ds = server.app.database.dataSource;
  });
  afterAll(() => server?.close());

  it("stays exact through bulk and single inserts, flag changes, other updates, upserts and deletes", async () => {
    await ds.query(insertUsers("bulk-", 300));
    expectExact(await compareAll(server));
    // Bulk flag flips in both directions, one statement.
    await ds.query(
      `UPDATE users SET is_active = NOT is_active, email_verified = (username_key LIKE '%1')
        WHERE username_key LIKE 'bulk-%'`,
    );
    expectExact(await compareAll(server));
    // Updates that change no flag (sign-in times, renames) leave the counts alone.
    await ds.query(`UPDATE users SET last_login_at = now() WHERE username_key LIKE 'bulk-1%'`);
    await ds.query(`UPDATE users SET is_active = is_active`);
    expectExact(await compareAll(server));
    // An upsert that inserts some rows and updates others.
    await ds.query(
      `INSERT INTO users (username, username_key, is_superuser) VALUES
         ('bulk-5', 'bulk-5', true), ('fresh-1', 'fresh-1', true)
       ON CONFLICT (username_key) DO UPDATE SET is_superuser = EXCLUDED.is_superuser`,
    );
    expectExact(await compareAll(server));
    // Through the service, as the API writes.
    const one = await server.gql(
      `mutation { createUser(input: { username: "via-api", password: "long-enough-password-1" }) { id } }`,
    );
    expect(one.errors).toBeUndefined();
    await ds.query(`DELETE FROM users WHERE username_key LIKE 'bulk-2%'`);
    expectExact(await compareAll(server));
    // A rolled-back write leaves no trace in the counts.
    const runner = ds.createQueryRunner();
    await runner.startTransaction();
    await runner.query(insertUsers("gone-", 50));
    await runner.query(`UPDATE users SET is_superuser = true WHERE username_key LIKE 'bulk-3%'`);
    await runner.rollbackTransaction();
    await runner.release();
    expectExact(await compareAll(server));
    const unfiltered = await listUsers(server.app.services.users.repo, {});
    expect(unfiltered.totalCount).toBe(await exactCount(ds, {}));
    expect(unfiltered.totalCount).toBeGreaterThan(150);
  });

  it("a page reads a page's worth of users rows, not the whole table (the total included)", async () => {
    await ds.query(insertUsers("many-", 3000));
    await ds.query(`ANALYZE users`);
    // One connection in one transaction, so its statistics count just these reads.
    const runner = ds.createQueryRunner();
    await runner.startTransaction();
    try {
      const read = async () => {
        const [row] = (await runner.query(
          `SELECT coalesce(sum(seq_tup_read + coalesce(idx_tup_fetch, 0)), 0) AS n
             FROM pg_stat_xact_user_tables WHERE relname = 'users'`,
        )) as { n: string }[];
        return Number(row!.n);
      };
      const repo = runner.manager.getRepository(UserEntity);
      for (const q of [{}, { isSuperuser: true }, { isActive: false, emailVerified: true }]) {
        const before = await read();
        const page = await listUsers(repo, { ...q, first: 10 });
        expect(page.users).toHaveLength(10);
        expect(page.totalCount).toBeGreaterThan(100);
        // A page of 11 per flag combination at most; counting read all 3,000+ rows.
        expect((await read()) - before).toBeLessThan(200);
      }
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });

  it("filtered pages hold every match exactly once, in username order", async () => {
    const repo = server.app.services.users.repo;
    for (const f of [
      { isSuperuser: true },
      { isActive: false },
      { isActive: true, emailVerified: false },
      { isActive: false, isSuperuser: true, emailVerified: true },
    ]) {
      const expected = (
        (await ds.query(
          `SELECT username FROM users
            WHERE ($1::boolean IS NULL OR is_active = $1) AND ($2::boolean IS NULL OR is_superuser = $2)
              AND ($3::boolean IS NULL OR email_verified = $3)
            ORDER BY username_key`,
          [
            (f as UserListQuery).isActive ?? null,
            (f as UserListQuery).isSuperuser ?? null,
            (f as UserListQuery).emailVerified ?? null,
          ],
        )) as { username: string }[]
      ).map((r) => r.username);
      const seen: string[] = [];
      let after: string | null = null;
      for (let guard = 0; guard < 1000; guard++) {
        const page = await listUsers(repo, { ...f, first: 7, after });
        expect(page.totalCount).toBe(expected.length);
        seen.push(...page.users.map((u) => u.username));
        if (!page.hasNextPage) break;
        after = page.cursorOf(page.users.at(-1)!);
      }
      expect(seen).toEqual(expected);
    }
  });
});

if (!usingPostgres) {
  console.warn(
    "user-counts.test.ts: the concurrent-writers check needs several real connections; on the embedded database it runs its writers through one connection, one at a time.",
  );
}

describe("user counters under concurrent writers", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.close());

  it("stay exact while many transactions insert, flip flags, delete and roll back at once", async () => {
    const ds = server.app.database.dataSource;
    const clients: { query(text: string): Promise<unknown>; end(): Promise<void> }[] = [];
    for (let i = 0; i < 6; i++) {
      if (server.databaseUrl) {
        const c = new pg.Client({ connectionString: server.databaseUrl });
        await c.connect();
        clients.push(c);
      } else {
        // PGlite: one connection behind the pool; the writers still interleave statements.
        clients.push({ query: (t) => ds.query(t), end: async () => {} });
      }
    }
    const usingTransactions = Boolean(server.databaseUrl);
    try {
      await Promise.all(
        clients.map(async (c, w) => {
          for (let round = 0; round < 15; round++) {
            const p = `w${w}r${round}-`;
            if (usingTransactions) await c.query("BEGIN");
            await c.query(insertUsers(p, 20));
            await c.query(
              `UPDATE users SET is_active = NOT is_active, is_superuser = NOT is_superuser
                WHERE username_key LIKE 'w${(w + 1) % clients.length}r%' AND random() < 0.3`,
            );
            await c.query(
              `DELETE FROM users WHERE username_key LIKE 'w${(w + 2) % clients.length}r%-1%' AND random() < 0.5`,
            );
            if (usingTransactions) await c.query(round % 4 === 3 ? "ROLLBACK" : "COMMIT");
          }
        }),
      );
    } finally {
      for (const c of clients) await c.end();
    }
    const rows = await compareAll(server);
    expectExact(rows);
    expect(rows.find((r) => r.filter === JSON.stringify(FILTERS[0]))!.exact).toBeGreaterThan(500);
  });
});
