import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, SIGN_IN, startAuthenticatedServer } from "../accounts/accounts-helpers.js";
import { errorCode, type TestServer } from "../helpers/test-server.js";

const ME = "{ me { username } }";

async function signInCookie(server: TestServer): Promise<{ token: string; setCookie: string }> {
  const r = await server.gql<{ signIn: { token: string } }>(SIGN_IN, {
    u: ADMIN.username,
    p: ADMIN.password,
  });
  expect(r.errors).toBeUndefined();
  return { token: r.data?.signIn.token ?? "", setCookie: r.headers.get("set-cookie") ?? "" };
}

describe("behind HTTPS the session cookie is __Host- prefixed", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startAuthenticatedServer({ GATEHOUSE_PUBLIC_URL: "https://auth.example.com" });
  });
  afterAll(() => server?.close());

  it("sets __Host-gatehouse_session: Secure, Path=/, no Domain", async () => {
    const { token, setCookie } = await signInCookie(server);
    expect(setCookie).toMatch(/^__Host-gatehouse_session=/);
    expect(setCookie).toContain(token);
    expect(setCookie).toContain("Secure");
    expect(setCookie).toContain("Path=/");
    expect(setCookie).not.toMatch(/Domain=/i);
    const me = await server.gql(ME, {}, { cookie: `__Host-gatehouse_session=${token}` });
    expect(me.data?.me).toEqual({ username: ADMIN.username });
  });

  it("ignores the old name over HTTPS (everyone signs in once more) and clears it", async () => {
    const { token } = await signInCookie(server);
    const me = await server.gql(ME, {}, { cookie: `gatehouse_session=${token}` });
    expect(me.errors).toBeUndefined();
    expect(me.data?.me).toBeNull();
    expect(me.headers.get("set-cookie")).toMatch(/^gatehouse_session=; Max-Age=0/);
  });

  it("refuses a request carrying both names (cookie tossing) with DUPLICATE_SESSION_COOKIE", async () => {
    const { token } = await signInCookie(server);
    const r = await server.gql(
      ME,
      {},
      {
        cookie: `gatehouse_session=planted; __Host-gatehouse_session=${token}`,
      },
    );
    expect(r.status).toBe(400);
    expect(errorCode(r)).toBe("DUPLICATE_SESSION_COOKIE");
    expect(r.errors?.[0]?.message).toContain("Clear this site's cookies");
    expect(r.data ?? null).toBeNull();
  });
});

describe("over plain HTTP", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startAuthenticatedServer();
  });
  afterAll(() => server?.close());

  it("keeps the gatehouse_session name", async () => {
    const { token, setCookie } = await signInCookie(server);
    expect(setCookie).toMatch(/^gatehouse_session=/);
    const me = await server.gql(ME, {}, { cookie: `gatehouse_session=${token}` });
    expect(me.data?.me).toEqual({ username: ADMIN.username });
  });

  it("refuses the same name twice, whichever comes first", async () => {
    const { token } = await signInCookie(server);
    for (const cookie of [
      `gatehouse_session=${token}; gatehouse_session=planted`,
      `gatehouse_session=planted; gatehouse_session=${token}`,
    ]) {
      const r = await server.gql(ME, {}, { cookie });
      expect(r.status, cookie).toBe(400);
      expect(errorCode(r), cookie).toBe("DUPLICATE_SESSION_COOKIE");
    }
    // A Bearer token is an explicit claim and still works beside stray cookies.
    const bearer = await server.gql(
      ME,
      {},
      {
        token,
        cookie: "gatehouse_session=a; gatehouse_session=b",
      },
    );
    expect(bearer.data?.me).toEqual({ username: ADMIN.username });
  });
});
