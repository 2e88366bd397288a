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
    [
      "createUser",
      CREATE_USER,
      { input: { username: "x-user", password: "Whatever-Lantern-123" } },
    ],
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

  it("activating an active user (or demoting a non-superuser) changes nothing and is not audited", async () => {
    const id = await createUser(server, admin, {
      username: "already-on",
      password: "already-on-password",
      isActive: false,
    });
    const actions = async () => {
      const r = await server.gql<{ auditLog: { edges: { node: { action: string } }[] } }>(
        `query($t: ID) { auditLog(first: 50, targetId: $t) { edges { node { action } } } }`,
        { t: id },
        { token: admin },
      );
      return r.data!.auditLog.edges.map((e) => e.node.action);
    };
    const on = await server.gql(SET_ACTIVE, { id, a: true }, { token: admin });
    expect(on.data).toEqual({ setActive: { id, isActive: true } });
    const session = await signIn(server, "already-on", "already-on-password");
    // Again, twice: answered with the unchanged user, no new audit line, the session lives on.
    for (let i = 0; i < 2; i++) {
      const again = await server.gql(SET_ACTIVE, { id, a: true }, { token: admin });
      expect(again.data).toEqual({ setActive: { id, isActive: true } });
    }
    const notSuper = await server.gql(SET_SUPER, { id, s: false }, { token: admin });
    expect(notSuper.data).toEqual({ setSuperuser: { id, isSuperuser: false } });
    expect((await actions()).filter((a) => a.startsWith("user."))).toEqual([
      "user.activated",
      "user.created",
    ]);
    const me = await server.gql<{ me: { id: string } }>(
      `{ me { id } }`,
      {},
      {
        token: session.token,
      },
    );
    expect(me.data?.me.id).toBe(id);

    // A real change is still audited, once.
    await server.gql(SET_ACTIVE, { id, a: false }, { token: admin });
    await server.gql(SET_ACTIVE, { id, a: false }, { token: admin });
    expect((await actions()).filter((a) => a === "user.deactivated")).toHaveLength(1);
  });
});
