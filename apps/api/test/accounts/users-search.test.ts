import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestServer } from "../helpers/test-server.js";
import { ADMIN, createUser, signIn, startAuthenticatedServer } from "./accounts-helpers.js";

// users(search:) reads user_search, a copy of users kept by triggers: these tests change users
// every way the copy could fall behind, and check search against what users says.

const USERS = `query($search: String, $filter: UserFilter, $first: Int, $after: String) {
  users(search: $search, filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id username email } }
  }
}`;
const SET_ACTIVE = `mutation($id: ID!, $a: Boolean!) { setActive(userId: $id, active: $a) { id } }`;

type Page = {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { cursor: string; node: { id: string; username: string; email: string | null } }[];
};

describe("users(search:)", () => {
  let server: TestServer;
  let admin: string;
  const sql = (text: string, params: unknown[] = []) =>
    server.app.services.dataSource.query(text, params);

  async function search(vars: Record<string, unknown>): Promise<Page> {
    const r = await server.gql<{ users: Page }>(USERS, vars, { token: admin });
    expect(r.errors).toBeUndefined();
    if (!r.data) throw new Error("no data");
    return r.data.users;
  }
  /** Rows in users but not in user_search, or the other way round: none, ever. */
  const copyDifferences = () =>
    sql(`
      (SELECT id, is_active, is_superuser, email_verified, username_key, email FROM users
       EXCEPT SELECT * FROM user_search)
      UNION ALL
      (SELECT * FROM user_search
       EXCEPT SELECT id, is_active, is_superuser, email_verified, username_key, email FROM users)`);
  const names = async (vars: Record<string, unknown>) =>
    (await search(vars)).edges.map((e) => e.node.username);

  beforeAll(async () => {
    server = await startAuthenticatedServer();
    admin = (await signIn(server, ADMIN.username, ADMIN.password)).token;
  });
  afterAll(() => server?.close());

  it("finds a renamed user by the new name only, and a changed email by the new email only", async () => {
    const id = await createUser(server, admin, {
      username: "oldname-kx",
      password: "long-enough-1",
      email: "before-kx@old.example",
    });
    expect(await names({ search: "oldname-kx" })).toEqual(["oldname-kx"]);
    // Through TypeORM, as the service writes...
    await server.app.services.users.repo.update(id, {
      username: "NewName-kx",
      usernameKey: "newname-kx",
    });
    expect(await names({ search: "oldname" })).toEqual([]);
    expect(await names({ search: "NEWNAME-K" })).toEqual(["NewName-kx"]);
    // ...and in plain SQL, as an operator might.
    await sql(`UPDATE users SET email = 'after-kx@new.example' WHERE id = $1`, [id]);
    expect(await names({ search: "before-kx" })).toEqual([]);
    expect(await names({ search: "old.example" })).toEqual([]);
    expect(await names({ search: "after-kx@new" })).toEqual(["NewName-kx"]);
    await sql(`UPDATE users SET email = NULL WHERE id = $1`, [id]);
    expect(await names({ search: "after-kx" })).toEqual([]);
    expect(await names({ search: "newname-kx" })).toEqual(["NewName-kx"]);
  });

  it("counts created and deleted users", async () => {
    for (const n of [1, 2, 3])
      await createUser(server, admin, { username: `gone-${n}-qz`, password: "long-enough-1" });
    await sql(`INSERT INTO users (username, username_key) VALUES ('Gone-4-qz', 'gone-4-qz')`);
    expect((await search({ search: "-QZ" })).totalCount).toBe(4);
    await sql(`DELETE FROM users WHERE username_key IN ('gone-1-qz', 'gone-4-qz')`);
    const after = await search({ search: "-qz" });
    expect(after.totalCount).toBe(2);
    expect(after.edges.map((e) => e.node.username)).toEqual(["gone-2-qz", "gone-3-qz"]);
  });

  it("searches %, _ and \\ literally", async () => {
    const emails = ["pc%t@lit.example", "pcxt@lit.example", "un_d@lit.example", "unxd@lit.example"];
    for (const [i, email] of emails.entries())
      await createUser(server, admin, { username: `lit-${i}`, password: "long-enough-1", email });
    await sql(`INSERT INTO users (username, username_key) VALUES ('b\\s', 'b\\s'), ('bxs', 'bxs')`);
    expect(await names({ search: "c%t@" })).toEqual(["lit-0"]);
    expect(await names({ search: "n_d@" })).toEqual(["lit-2"]);
    expect(await names({ search: "%" })).toEqual(["lit-0"]);
    expect(await names({ search: "_" })).toEqual(["lit-2"]);
    expect(await names({ search: "b\\s" })).toEqual(["b\\s"]);
  });

  it("never matches across the username/email boundary", async () => {
    await createUser(server, admin, {
      username: "edge-abc",
      password: "long-enough-1",
      email: "def-edge@bound.example",
    });
    expect(await names({ search: "edge-abc" })).toEqual(["edge-abc"]);
    expect(await names({ search: "def-edge" })).toEqual(["edge-abc"]);
    for (const across of ["abcdef", "abc\ndef", "abc def", "c\nd", "abc%def", "abc_def"])
      expect(await names({ search: across }), across).toEqual([]);
  });

  it("combines search with each filter, and sees flag changes", async () => {
    const id = await createUser(server, admin, {
      username: "flag-mw",
      password: "long-enough-1",
      isActive: false,
    });
    await createUser(server, admin, { username: "flag-mw2", password: "long-enough-1" });
    await sql(`UPDATE users SET is_active = true WHERE username_key = 'flag-mw2'`);
    expect(await names({ search: "flag-mw", filter: { isActive: true } })).toEqual(["flag-mw2"]);
    expect(await names({ search: "flag-mw", filter: { isActive: false } })).toEqual(["flag-mw"]);
    const r = await server.gql(SET_ACTIVE, { id, a: true }, { token: admin });
    expect(r.errors).toBeUndefined();
    const active = await search({ search: "flag-mw", filter: { isActive: true } });
    expect(active.edges.map((e) => e.node.username)).toEqual(["flag-mw", "flag-mw2"]);
    expect(active.totalCount).toBe(2);
    await sql(`UPDATE users SET email_verified = true WHERE id = $1`, [id]);
    expect(await names({ search: "flag-mw", filter: { emailVerified: true } })).toEqual([
      "flag-mw",
    ]);
    await sql(`UPDATE users SET is_superuser = true WHERE id = $1`, [id]);
    const all = { isActive: true, isSuperuser: true, emailVerified: true };
    expect(await names({ search: "flag-mw", filter: all })).toEqual(["flag-mw"]);
    expect(await names({ search: "flag-mw", filter: { ...all, isActive: false } })).toEqual([]);
  });

  it("pages with after: every match exactly once, in order, with the filter's total on every page", async () => {
    const created: string[] = [];
    for (let i = 0; i < 7; i++) {
      const name = `pg-${"gfedcba"[i]}-walk`;
      created.push(name);
      await createUser(server, admin, { username: name, password: "long-enough-1" });
    }
    await createUser(server, admin, { username: "pg-other", password: "long-enough-1" });
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 10; i++) {
      const page: Page = await search({ search: "-WALK", first: 3, after });
      expect(page.totalCount).toBe(7);
      seen.push(...page.edges.map((e) => e.node.username));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual([...created].sort());
    // A cursor past the last match: an empty page that still reports the total.
    const last = await search({ search: "-walk", first: 7 });
    const beyond = await search({ search: "-walk", after: last.pageInfo.endCursor });
    expect(beyond.edges).toEqual([]);
    expect(beyond.totalCount).toBe(7);
    expect(beyond.pageInfo.hasNextPage).toBe(false);
  });

  it("keeps user_search identical to users", async () => {
    expect(await copyDifferences()).toEqual([]);
  });

  it("the migration backfills users that existed before it", async () => {
    const ds = server.app.services.dataSource;
    // Undo back to before the search table: the migrations after it first, newest first.
    const at = ds.migrations.findIndex((m) => m.name === "UserSearch1795500000000");
    expect(at).toBeGreaterThan(0);
    for (let i = ds.migrations.length; i > at; i--)
      await ds.undoLastMigration({ transaction: "each" });
    await sql(
      `INSERT INTO users (username, username_key, email, is_active) VALUES ('Before-Mig', 'before-mig', 'early@mig.example', true)`,
    );
    await ds.runMigrations({ transaction: "each" });
    expect(await names({ search: "early@mig", filter: { isActive: true } })).toEqual([
      "Before-Mig",
    ]);
    expect(await names({ search: "before-mig" })).toEqual(["Before-Mig"]);
    expect(await copyDifferences()).toEqual([]);
    // And the trigram indexes on users, which no query reads any more, are gone again.
    const left = await ds.query(
      `SELECT indexname FROM pg_indexes WHERE tablename = 'users' AND indexname LIKE '%trgm%'`,
    );
    expect(left).toEqual([]);
  });
});
