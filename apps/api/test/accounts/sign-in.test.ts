import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorCode, type TestServer } from "../helpers/test-server.js";
import {
  ADMIN,
  createUser,
  SIGN_IN,
  signIn,
  startAuthenticatedServer,
} from "./accounts-helpers.js";

const ME = "{ me { id username isSuperuser authMethods lastLoginAt } }";

describe("signIn, me and signOut", () => {
  let server: TestServer;
  let admin: string;
  beforeAll(async () => {
    server = await startAuthenticatedServer();
    admin = (await signIn(server, ADMIN.username, ADMIN.password)).token;
  });
  afterAll(() => server?.close());

  it("reports AUTHENTICATED mode and nobody signed in without credentials", async () => {
    const r = await server.gql<{ serverInfo: { authMode: string }; me: null }>(
      "{ serverInfo { authMode } me { id } }",
    );
    expect(r.data?.serverInfo.authMode).toBe("AUTHENTICATED");
    expect(r.data?.me).toBeNull();
  });

  it("signs in by username (any case) and by email, returning a 256-bit token", async () => {
    await createUser(server, admin, {
      username: "Carol",
      password: "carol-password",
      email: " Carol@Example.COM ",
      isActive: true,
    });
    const byName = await signIn(server, "cAROL", "carol-password");
    expect(byName.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const byEmail = await signIn(server, "carol@example.com", "carol-password");
    expect(byEmail.userId).toBe(byName.userId);
    expect(byEmail.token).not.toBe(byName.token);
    const me = await server.gql<{ me: { username: string; authMethods: string[] } }>(
      ME,
      {},
      {
        token: byEmail.token,
      },
    );
    expect(me.data?.me).toMatchObject({ username: "Carol", authMethods: ["PASSWORD"] });
  });

  it("the token works as Bearer and as the cookie, and the cookie has the right flags", async () => {
    const s = await signIn(server, ADMIN.username, ADMIN.password);
    expect(s.setCookie).toMatch(new RegExp(`^gatehouse_session=${s.token};`));
    expect(s.setCookie).toContain("HttpOnly");
    expect(s.setCookie).toContain("SameSite=Lax");
    expect(s.setCookie).toContain("Path=/");
    expect(s.setCookie).toContain(`Max-Age=${30 * 86400}`);
    expect(s.setCookie).not.toContain("Secure");
    const viaBearer = await server.gql<{ me: { username: string } }>(ME, {}, { token: s.token });
    expect(viaBearer.data?.me.username).toBe(ADMIN.username);
    const viaCookie = await server.gql<{ me: { username: string } }>(
      ME,
      {},
      {
        cookie: `other=1; gatehouse_session=${s.token}`,
      },
    );
    expect(viaCookie.data?.me.username).toBe(ADMIN.username);
  });

  it("a bad Bearer token is anonymous, not an error", async () => {
    const r = await server.gql<{ me: null }>(ME, {}, { token: "x".repeat(43) });
    expect(r.errors).toBeUndefined();
    expect(r.data?.me).toBeNull();
  });

  it("refuses a wrong password and an unknown user with the same error", async () => {
    const wrong = await server.gql(SIGN_IN, { u: ADMIN.username, p: "not-the-password" });
    const unknown = await server.gql(SIGN_IN, { u: "nobody-here", p: "not-the-password" });
    expect(errorCode(wrong)).toBe("UNAUTHENTICATED");
    expect(errorCode(unknown)).toBe("UNAUTHENTICATED");
    expect(unknown.errors?.[0]?.message).toBe(wrong.errors?.[0]?.message);
    expect(wrong.data).toBeNull();
  });

  it("says ACCOUNT_INACTIVE only after a correct password", async () => {
    await createUser(server, admin, {
      username: "dormant",
      password: "dormant-password",
      isActive: false,
    });
    const wrong = await server.gql(SIGN_IN, { u: "dormant", p: "wrong-password" });
    expect(errorCode(wrong)).toBe("UNAUTHENTICATED");
    const right = await server.gql(SIGN_IN, { u: "dormant", p: "dormant-password" });
    expect(errorCode(right)).toBe("ACCOUNT_INACTIVE");
    expect(right.headers.get("set-cookie")).toBeNull();
  });

  it("signOut ends the session at once and clears the cookie", async () => {
    const s = await signIn(server, ADMIN.username, ADMIN.password);
    const out = await server.gql<{ signOut: boolean }>(
      "mutation { signOut }",
      {},
      {
        token: s.token,
      },
    );
    expect(out.data?.signOut).toBe(true);
    expect(out.headers.get("set-cookie")).toMatch(/^gatehouse_session=; Max-Age=0;/);
    const after = await server.gql<{ me: null }>(ME, {}, { token: s.token });
    expect(after.data?.me).toBeNull();
    const again = await server.gql<{ signOut: boolean }>("mutation { signOut }");
    expect(again.data?.signOut).toBe(false);
  });

  it("stamps lastLoginAt and records sign-in events in the audit log", async () => {
    const s = await signIn(server, ADMIN.username, ADMIN.password);
    const me = await server.gql<{ me: { lastLoginAt: string } }>(ME, {}, { token: s.token });
    expect(Date.now() - Date.parse(me.data?.me.lastLoginAt ?? "")).toBeLessThan(60_000);
    const log = await server.gql<{
      auditLog: { edges: { node: { action: string; targetId: string; ipAddress: string } }[] };
    }>(
      `{ auditLog(first: 5, action: "session.signed_in") { edges { node { action targetId ipAddress } } } }`,
      {},
      {
        token: s.token,
      },
    );
    expect(log.data?.auditLog.edges[0]?.node).toMatchObject({
      action: "session.signed_in",
      targetId: s.userId,
      ipAddress: expect.stringMatching(/127\.0\.0\.1/),
    });
  });
});
