import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorCode, type TestServer } from "../helpers/test-server.js";
import {
  ADMIN,
  CREATE_USER,
  createUser,
  signIn,
  startAuthenticatedServer,
} from "./accounts-helpers.js";

const USERS = `query($search: String, $filter: UserFilter, $first: Int, $after: String) {
  users(search: $search, filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { username email isActive } }
  }
}`;
const SET_ACTIVE = `mutation($id: ID!, $a: Boolean!) { setActive(userId: $id, active: $a) { id isActive } }`;
const SET_SUPER = `mutation($id: ID!, $s: Boolean!) { setSuperuser(userId: $id, superuser: $s) { id isSuperuser } }`;
const ME = "{ me { id isSuperuser } }";

type UsersResult = {
  users: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: {
      cursor: string;
      node: { username: string; email: string | null; isActive: boolean };
    }[];
  };
};

describe("user administration", () => {
  let server: TestServer;
  let admin: string;
  let adminId: string;
  let userToken: string;
  let userId: string;
  beforeAll(async () => {
    server = await startAuthenticatedServer();
    const s = await signIn(server, ADMIN.username, ADMIN.password);
    admin = s.token;
    adminId = s.userId;
    userId = await createUser(server, admin, {
      username: "plain",
      password: "plain-password",
      email: "plain@example.com",
      isActive: true,
    });
    userToken = (await signIn(server, "plain", "plain-password")).token;
  });
  afterAll(() => server?.close());

  const superuserOps: [string, string, Record<string, unknown>][] = [
    ["users", "{ users { totalCount } }", {}],
    [
      "user",
      `query($id: ID!) { user(id: $id) { id } }`,
      { id: "00000000-0000-0000-0000-000000000000" },
    ],
    [
      "sessions",
      `query($id: ID!) { sessions(userId: $id) { id } }`,
      { id: "00000000-0000-0000-0000-000000000000" },
    ],
    ["auditLog", "{ auditLog { edges { cursor } } }", {}],
    ["createUser", CREATE_USER, { input: { username: "x-user", password: "whatever-123" } }],
    ["setActive", SET_ACTIVE, { id: "00000000-0000-0000-0000-000000000000", a: true }],
    ["setSuperuser", SET_SUPER, { id: "00000000-0000-0000-0000-000000000000", s: true }],
  ];

  it.each(superuserOps)(
    "%s: UNAUTHENTICATED anonymously, FORBIDDEN for a plain user",
    async (_n, q, v) => {
      expect(errorCode(await server.gql(q, v))).toBe("UNAUTHENTICATED");
      expect(errorCode(await server.gql(q, v, { token: userToken }))).toBe("FORBIDDEN");
    },
  );

  it("mySessions and revokeSession need a viewer", async () => {
    expect(errorCode(await server.gql("{ mySessions { id } }"))).toBe("UNAUTHENTICATED");
    const r = await server.gql(
      `mutation { revokeSession(id: "00000000-0000-0000-0000-000000000000") }`,
    );
    expect(errorCode(r)).toBe("UNAUTHENTICATED");
  });

  it("createUser defaults isActive to NEW_USER_IS_ACTIVE (false here) and never returns secrets", async () => {
    const r = await server.gql<{ createUser: Record<string, unknown> }>(
      CREATE_USER,
      { input: { username: "newbie", password: "newbie-password", email: "NewBie@Example.com" } },
      { token: admin },
    );
    expect(r.data?.createUser).toMatchObject({
      username: "newbie",
      email: "newbie@example.com",
      isActive: false,
      isSuperuser: false,
      emailVerified: false,
      authMethods: [],
    });
    expect(JSON.stringify(r.data)).not.toContain("argon2");
  });

  it("createUser refuses bad input and duplicates (case-insensitive username, normalised email)", async () => {
    const bad = await server.gql(
      CREATE_USER,
      { input: { username: "a", password: "long-enough-1" } },
      { token: admin },
    );
    expect(errorCode(bad)).toBe("BAD_USER_INPUT");
    const short = await server.gql(
      CREATE_USER,
      { input: { username: "shorty", password: "short" } },
      { token: admin },
    );
    expect(errorCode(short)).toBe("BAD_USER_INPUT");
    expect(short.errors?.[0]?.message).toMatch(/at least 8/);
    const dupName = await server.gql(
      CREATE_USER,
      { input: { username: "PLAIN", password: "long-enough-1" } },
      { token: admin },
    );
    expect(errorCode(dupName)).toBe("CONFLICT");
    const dupEmail = await server.gql(
      CREATE_USER,
      { input: { username: "other", password: "long-enough-1", email: " PLAIN@example.com" } },
      { token: admin },
    );
    expect(errorCode(dupEmail)).toBe("CONFLICT");
    expect(dupEmail.errors?.[0]?.extensions?.field).toBe("email");
  });

  it("users: case-insensitive substring search on username and email, filters, totalCount", async () => {
    await createUser(server, admin, {
      username: "Search_Alpha",
      password: "long-enough-1",
      email: "zed@corp.example",
    });
    await createUser(server, admin, {
      username: "search-beta",
      password: "long-enough-1",
      isActive: true,
    });
    const byName = await server.gql<UsersResult>(USERS, { search: "SEARCH" }, { token: admin });
    expect(byName.data?.users.edges.map((e) => e.node.username).sort()).toEqual([
      "Search_Alpha",
      "search-beta",
    ]);
    expect(byName.data?.users.totalCount).toBe(2);
    const byEmail = await server.gql<UsersResult>(USERS, { search: "CORP.EX" }, { token: admin });
    expect(byEmail.data?.users.edges.map((e) => e.node.username)).toEqual(["Search_Alpha"]);
    // _ is a literal underscore, not a LIKE wildcard.
    const literal = await server.gql<UsersResult>(USERS, { search: "h_a" }, { token: admin });
    expect(literal.data?.users.edges.map((e) => e.node.username)).toEqual(["Search_Alpha"]);
    const active = await server.gql<UsersResult>(
      USERS,
      { search: "search", filter: { isActive: true } },
      { token: admin },
    );
    expect(active.data?.users.edges.map((e) => e.node.username)).toEqual(["search-beta"]);
    const supers = await server.gql<UsersResult>(
      USERS,
      { filter: { isSuperuser: true } },
      { token: admin },
    );
    expect(supers.data?.users.edges.map((e) => e.node.username)).toEqual([ADMIN.username]);
  });

  it("users: cursor pagination walks every user once; page size is capped", async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let total = -1;
    for (let i = 0; i < 20; i++) {
      const r: { data?: UsersResult | null } = await server.gql<UsersResult>(
        USERS,
        { first: 2, after },
        { token: admin },
      );
      const page = r.data?.users;
      if (!page) throw new Error("no page");
      total = page.totalCount;
      seen.push(...page.edges.map((e) => e.node.username));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen.length).toBe(total);
    expect(new Set(seen).size).toBe(total);
    // Order follows the database collation; what matters is that pages neither skip nor repeat.
    // Enough rows to hit the cap, inserted directly: hashing 120 passwords would only slow this down.
    await server.app.services.dataSource.query(
      `INSERT INTO users (username, username_key) SELECT 'bulk' || i, 'bulk' || i FROM generate_series(1, 120) i`,
    );
    const huge = await server.gql<UsersResult>(
      USERS,
      { first: 100000, search: "bulk" },
      { token: admin },
    );
    expect(huge.data?.users.edges.length).toBe(100);
    expect(huge.data?.users.totalCount).toBe(120);
    expect(huge.data?.users.pageInfo.hasNextPage).toBe(true);
    const zero = await server.gql(USERS, { first: 0 }, { token: admin });
    expect(errorCode(zero)).toBe("BAD_USER_INPUT");
  });

  it("user(id) returns the user, or null for an unknown or malformed id", async () => {
    const q = `query($id: ID!) { user(id: $id) { username } }`;
    const found = await server.gql<{ user: { username: string } }>(
      q,
      { id: userId },
      { token: admin },
    );
    expect(found.data?.user.username).toBe("plain");
    const none = await server.gql<{ user: null }>(
      q,
      { id: "00000000-0000-0000-0000-000000000000" },
      { token: admin },
    );
    expect(none.data?.user).toBeNull();
    const junk = await server.gql<{ user: null }>(q, { id: "junk" }, { token: admin });
    expect(junk.errors).toBeUndefined();
    expect(junk.data?.user).toBeNull();
  });

  it("deactivating a user ends their sessions on the very next request; reactivating lets them sign in", async () => {
    const id = await createUser(server, admin, {
      username: "leaver",
      password: "leaver-password",
      isActive: true,
    });
    const s = await signIn(server, "leaver", "leaver-password");
    expect((await server.gql<{ me: { id: string } }>(ME, {}, { token: s.token })).data?.me.id).toBe(
      id,
    );
    const off = await server.gql<{ setActive: { isActive: boolean } }>(
      SET_ACTIVE,
      { id, a: false },
      { token: admin },
    );
    expect(off.data?.setActive.isActive).toBe(false);
    expect((await server.gql<{ me: null }>(ME, {}, { token: s.token })).data?.me).toBeNull();
    await server.gql(SET_ACTIVE, { id, a: true }, { token: admin });
    // The old session stays dead: deactivation deleted it.
    expect((await server.gql<{ me: null }>(ME, {}, { token: s.token })).data?.me).toBeNull();
    await signIn(server, "leaver", "leaver-password");
  });

  it("granting and revoking superuser takes effect on the next request", async () => {
    const id = await createUser(server, admin, {
      username: "promoted",
      password: "promoted-pass",
      isActive: true,
    });
    const s = await signIn(server, "promoted", "promoted-pass");
    expect(errorCode(await server.gql("{ users { totalCount } }", {}, { token: s.token }))).toBe(
      "FORBIDDEN",
    );
    await server.gql(SET_SUPER, { id, s: true }, { token: admin });
    expect(
      (await server.gql("{ users { totalCount } }", {}, { token: s.token })).errors,
    ).toBeUndefined();
    await server.gql(SET_SUPER, { id, s: false }, { token: admin });
    expect(errorCode(await server.gql("{ users { totalCount } }", {}, { token: s.token }))).toBe(
      "FORBIDDEN",
    );
  });

  it("nobody can deactivate or demote themselves", async () => {
    const a = await server.gql(SET_ACTIVE, { id: adminId, a: false }, { token: admin });
    expect(errorCode(a)).toBe("FORBIDDEN");
    const s = await server.gql(SET_SUPER, { id: adminId, s: false }, { token: admin });
    expect(errorCode(s)).toBe("FORBIDDEN");
    expect(
      (await server.gql<{ me: { isSuperuser: boolean } }>(ME, {}, { token: admin })).data?.me
        .isSuperuser,
    ).toBe(true);
  });

  it("the last active superuser cannot be demoted or deactivated (LAST_SUPERUSER)", async () => {
    const id = await createUser(server, admin, {
      username: "second",
      password: "second-password",
      isActive: true,
      isSuperuser: true,
    });
    const second = (await signIn(server, "second", "second-password")).token;
    // Two superusers: second may demote admin, then admin is gone as a superuser...
    expect(
      (await server.gql(SET_SUPER, { id: adminId, s: false }, { token: second })).errors,
    ).toBeUndefined();
    // ...and now second is the last one: nobody can take it away (admin cannot even ask).
    expect(errorCode(await server.gql(SET_SUPER, { id, s: false }, { token: admin }))).toBe(
      "FORBIDDEN",
    );
    // Re-promote admin, demote second, then admin alone is protected from another superuser's attempt.
    await server.gql(SET_SUPER, { id: adminId, s: true }, { token: second });
    const third = await createUser(server, admin, {
      username: "third",
      password: "third-password",
      isActive: true,
      isSuperuser: true,
    });
    const thirdToken = (await signIn(server, "third", "third-password")).token;
    await server.gql(SET_SUPER, { id, s: false }, { token: admin });
    await server.gql(SET_ACTIVE, { id: third, a: false }, { token: admin });
    // third is inactive now, so admin is the last active superuser.
    const r = await server.gql(SET_SUPER, { id: adminId, s: false }, { token: thirdToken });
    expect(errorCode(r)).toBe("UNAUTHENTICATED");
    await server.gql(SET_ACTIVE, { id: third, a: true }, { token: admin });
    const t2 = (await signIn(server, "third", "third-password")).token;
    await server.gql(SET_SUPER, { id: third, s: false }, { token: admin });
    expect(errorCode(await server.gql(SET_SUPER, { id: adminId, s: false }, { token: t2 }))).toBe(
      "FORBIDDEN",
    );
  });

  it("LAST_SUPERUSER holds when two superusers demote each other at the same time", async () => {
    const a = await createUser(server, admin, {
      username: "race-a",
      password: "race-a-password",
      isActive: true,
      isSuperuser: true,
    });
    const b = await createUser(server, admin, {
      username: "race-b",
      password: "race-b-password",
      isActive: true,
      isSuperuser: true,
    });
    const { services } = server.app;
    // Through the service (no self-demotion guard in the way): only the flag count matters.
    await services.users.setSuperuser({ userId: null }, adminId, false);
    const results = await Promise.allSettled([
      services.users.setSuperuser({ userId: b }, a, false),
      services.users.setSuperuser({ userId: a }, b, false),
    ]);
    const codes = results.map((r) =>
      r.status === "rejected" ? (r.reason as { code: string }).code : "ok",
    );
    expect(codes.sort()).toEqual(["LAST_SUPERUSER", "ok"]);
    const left = await services.dataSource.query(
      `SELECT count(*)::int AS n FROM users WHERE is_superuser AND is_active`,
    );
    expect(left[0].n).toBe(1);
    const survivor = codes[0] === "ok" ? b : a;
    await services.users.setSuperuser({ userId: survivor }, adminId, true);
  });

  it("records user administration in the audit log", async () => {
    const log = await server.gql<{
      auditLog: { edges: { node: { action: string; actorId: string } }[] };
    }>(
      `query($t: ID) { auditLog(first: 50, targetId: $t) { edges { node { action actorId } } } }`,
      { t: userId },
      { token: admin },
    );
    expect(log.data?.auditLog.edges.map((e) => e.node.action)).toContain("user.created");
    expect(
      log.data?.auditLog.edges.find((e) => e.node.action === "user.created")?.node.actorId,
    ).toBe(adminId);
  });
});
