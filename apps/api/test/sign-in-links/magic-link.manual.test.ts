import "reflect-metadata";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { errorCode, startTestServer, type TestServer } from "../helpers/test-server.js";
import {
  findUser,
  LATEST,
  LOGIN_URL,
  REDEEM,
  REQUEST,
  sessionCookieFrom,
  settle,
  signInAdmin,
  TEAM_ENV,
  tokenOf,
} from "./support.js";

const CREATE = `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`;
const AUDIT = `query($t: ID) { auditLog(first: 50, targetId: $t) { edges { node { action actorId targetId } } } }`;

describe("magic links without Resend: a superuser hands them out", () => {
  let server: TestServer;
  let admin: string;
  let adminId: string;

  beforeAll(async () => {
    // NEW_USER_IS_ACTIVE defaults to false: self-service accounts wait for an admin.
    server = await startTestServer(TEAM_ENV);
    admin = await signInAdmin(server);
    const me = await server.gql<{ me: { id: string } }>(`{ me { id } }`, {}, { token: admin });
    adminId = me.data!.me.id;
  });
  afterAll(() => server?.close());

  async function loginUrl(userId: string, token = admin) {
    return server.gql<{ emailLoginUrl: { url: string; expiresAt: string } }>(
      LOGIN_URL,
      { id: userId },
      { token },
    );
  }

  it("serverInfo says MANUAL; a request creates an unverified, inactive account and a MANUAL link", async () => {
    const info = await server.gql<{ serverInfo: { magicLinkDelivery: string } }>(
      `{ serverInfo { magicLinkDelivery } }`,
    );
    expect(info.data?.serverInfo.magicLinkDelivery).toBe("MANUAL");
    const r = await server.gql(REQUEST, { email: "Newcomer@Example.com" });
    expect(r.data).toEqual({ requestMagicLink: { accepted: true } });
    await settle(server);
    const user = await findUser(server, admin, "newcomer@example.com");
    expect(user).toMatchObject({
      username: "newcomer",
      emailVerified: false,
      isActive: false,
      isSuperuser: false,
    });
    const status = await server.gql<{ user: { latestMagicLink: Record<string, unknown> } }>(
      LATEST,
      { id: user!.id },
      { token: admin },
    );
    expect(status.data?.user.latestMagicLink).toMatchObject({
      delivery: "MANUAL",
      origin: "REQUEST",
      usedAt: null,
    });
  });

  it("malformed emails are BAD_USER_INPUT", async () => {
    for (const email of ["", "no-at-sign", "a@b", "two@@example.com", `${"x".repeat(250)}@e.com`]) {
      expect(errorCode(await server.gql(REQUEST, { email }))).toBe("BAD_USER_INPUT");
    }
  });

  it("usernames come from the email and stay unique", async () => {
    for (const email of ["sam@one.test", "sam@two.test", "x@three.test", "--Odd+Tag@four.test"]) {
      await server.gql(REQUEST, { email });
    }
    await settle(server);
    const a = await findUser(server, admin, "sam@one.test");
    const b = await findUser(server, admin, "sam@two.test");
    const c = await findUser(server, admin, "x@three.test");
    const d = await findUser(server, admin, "--odd+tag@four.test");
    expect(a?.username).toBe("sam");
    expect(b?.username).toMatch(/^sam-[0-9a-f]{6}$/);
    expect(c?.username).toBe("x-user");
    expect(d?.username).toBe("oddtag");
  });

  it("an inactive account: the email is verified, ACCOUNT_INACTIVE says an admin must act, and the same link works once activated", async () => {
    const user = await findUser(server, admin, "newcomer@example.com");
    const url = await loginUrl(user!.id);
    const token = tokenOf(url.data!.emailLoginUrl.url);
    const r = await server.gql(REDEEM, { token });
    expect(errorCode(r)).toBe("ACCOUNT_INACTIVE");
    expect(r.errors?.[0]?.message).toMatch(/administrator/);
    expect(sessionCookieFrom(r.headers)).toBeUndefined();
    expect((await findUser(server, admin, "newcomer@example.com"))?.emailVerified).toBe(true);
    // Trying again before activation still says why, and still does not burn the link.
    expect(errorCode(await server.gql(REDEEM, { token }))).toBe("ACCOUNT_INACTIVE");

    await server.gql(
      `mutation($id: ID!) { setActive(userId: $id, active: true) { id } }`,
      { id: user!.id },
      { token: admin },
    );
    const ok = await server.gql<{ redeemLink: { user: { authMethods: string[] } } }>(REDEEM, {
      token,
    });
    expect(ok.errors).toBeUndefined();
    expect(ok.data?.redeemLink.user.authMethods).toEqual(["MAGIC_LINK"]);
    expect(sessionCookieFrom(ok.headers)).toBeDefined();
    expect(errorCode(await server.gql(REDEEM, { token }))).toBe("INVALID_LINK");
  });

  it("emailLoginUrl is superuser only, audited with the admin as actor, and mints a fresh link each time", async () => {
    const user = await findUser(server, admin, "newcomer@example.com");
    const anonymous = await loginUrl(user!.id, "");
    expect(errorCode(anonymous)).toBe("UNAUTHENTICATED");

    const signedIn = await server.gql<{ redeemLink: { token: string } }>(REDEEM, {
      token: tokenOf((await loginUrl(user!.id)).data!.emailLoginUrl.url),
    });
    const userToken = signedIn.data!.redeemLink.token;
    expect(errorCode(await loginUrl(user!.id, userToken))).toBe("FORBIDDEN");
    expect(errorCode(await server.gql(LATEST, { id: user!.id }, { token: userToken }))).toBe(
      "FORBIDDEN",
    );

    const one = await loginUrl(user!.id);
    const two = await loginUrl(user!.id);
    expect(one.data!.emailLoginUrl.url).not.toBe(two.data!.emailLoginUrl.url);
    expect(one.data!.emailLoginUrl.url).toMatch(/\/auth\/magic\?token=[A-Za-z0-9_-]{43}$/);

    const audit = await server.gql<{
      auditLog: { edges: { node: { action: string; actorId: string } }[] };
    }>(AUDIT, { t: user!.id }, { token: admin });
    const issued = audit.data!.auditLog.edges.filter(
      (e) => e.node.action === "magic_link.admin_issued",
    );
    expect(issued.length).toBeGreaterThanOrEqual(2);
    expect(issued.every((e) => e.node.actorId === adminId)).toBe(true);
    expect(JSON.stringify(audit.data)).not.toContain(tokenOf(two.data!.emailLoginUrl.url));
  });

  it("latestMagicLink across a page of users: each user's newest link, from a couple of queries", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      const r = await server.gql<{ createUser: { id: string } }>(
        CREATE,
        {
          input: {
            username: `paged${i}`,
            password: "paged-password-1",
            email: `paged${i}@example.com`,
            isActive: true,
          },
        },
        { token: admin },
      );
      ids.push(r.data!.createUser.id);
    }
    // Links for eight of them, two for every other one (the second supersedes the first).
    const newest = new Map<string, string>();
    for (const [i, id] of ids.slice(0, 8).entries()) {
      let r = await loginUrl(id);
      if (i % 2 === 0) r = await loginUrl(id);
      newest.set(id, r.data!.emailLoginUrl.expiresAt);
    }
    const spy = vi.spyOn(server.app.services.dataSource, "query");
    try {
      const r = await server.gql<{
        users: {
          edges: Array<{
            node: {
              id: string;
              latestMagicLink: { expiresAt: string; superseded: boolean } | null;
            };
          }>;
        };
      }>(
        `{ users(search: "paged", first: 50) { edges { node { id latestMagicLink { expiresAt superseded } } } } }`,
        {},
        { token: admin },
      );
      const nodes = r.data!.users.edges.map((e) => e.node);
      expect(nodes).toHaveLength(12);
      for (const n of nodes) {
        const expected = newest.get(n.id);
        if (expected) expect(n.latestMagicLink).toEqual({ expiresAt: expected, superseded: false });
        else expect(n.latestMagicLink).toBeNull();
      }
      // One look-up per user used to mean twelve; now the first goes alone, the rest together.
      const lookups = spy.mock.calls.filter((c) => String(c[0]).includes("DISTINCT ON"));
      expect(lookups.length).toBeGreaterThanOrEqual(1);
      expect(lookups.length).toBeLessThanOrEqual(2);
    } finally {
      spy.mockRestore();
    }
  });

  it("refuses users without an email, and other superusers (but not the caller)", async () => {
    const noEmail = await server.gql<{ createUser: { id: string } }>(
      CREATE,
      { input: { username: "robot", password: "robot-password-1", isActive: true } },
      { token: admin },
    );
    const r = await loginUrl(noEmail.data!.createUser.id);
    expect(errorCode(r)).toBe("BAD_USER_INPUT");
    expect(r.errors?.[0]?.message).toMatch(/no email/);

    const other = await server.gql<{ createUser: { id: string } }>(
      CREATE,
      {
        input: {
          username: "second-admin",
          password: "second-password-1",
          email: "second@example.com",
          isActive: true,
          isSuperuser: true,
        },
      },
      { token: admin },
    );
    const refused = await loginUrl(other.data!.createUser.id);
    expect(errorCode(refused)).toBe("FORBIDDEN");
    expect(refused.errors?.[0]?.message).toMatch(/GATEHOUSE_ALLOW_ADMIN_LINKS_FOR_SUPERUSERS/);

    // The same superuser asking for a link to their own account is fine.
    const second = await server.gql<{ signIn: { token: string } }>(
      `mutation { signIn(username: "second-admin", password: "second-password-1") { token } }`,
    );
    const own = await loginUrl(other.data!.createUser.id, second.data!.signIn.token);
    expect(own.errors).toBeUndefined();
    expect(own.data?.emailLoginUrl.url).toContain("/auth/magic?token=");
  });
});

describe("GATEHOUSE_ALLOW_ADMIN_LINKS_FOR_SUPERUSERS=true", () => {
  let server: TestServer;
  afterAll(() => server?.close());

  it("lets a superuser fetch a link for another superuser", async () => {
    server = await startTestServer({
      ...TEAM_ENV,
      GATEHOUSE_ALLOW_ADMIN_LINKS_FOR_SUPERUSERS: "true",
    });
    const admin = await signInAdmin(server);
    const other = await server.gql<{ createUser: { id: string } }>(
      CREATE,
      {
        input: {
          username: "ops",
          password: "ops-password-1",
          email: "ops@example.com",
          isActive: true,
          isSuperuser: true,
        },
      },
      { token: admin },
    );
    const r = await loginUrl(server, admin, other.data!.createUser.id);
    expect(r.errors).toBeUndefined();
    const redeemed = await server.gql<{ redeemLink: { user: { username: string } } }>(REDEEM, {
      token: tokenOf(r.data!.emailLoginUrl.url),
    });
    expect(redeemed.data?.redeemLink.user.username).toBe("ops");
    // Starts its own server: PGlite start-up alone takes seconds on a busy machine.
  }, 120_000);
});

function loginUrl(server: TestServer, token: string, id: string) {
  return server.gql<{ emailLoginUrl: { url: string } }>(LOGIN_URL, { id }, { token });
}
