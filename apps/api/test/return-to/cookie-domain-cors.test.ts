import "reflect-metadata";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, SIGN_IN, startAuthenticatedServer } from "../accounts/accounts-helpers.js";
import { rawRequest } from "../helpers/raw-http.js";
import { errorCode, type TestServer } from "../helpers/test-server.js";

const ME = "{ me { username } }";
const SIGN_OUT = "mutation { signOut }";

async function signInSetCookie(server: TestServer): Promise<{ token: string; setCookie: string }> {
  const r = await server.gql<{ signIn: { token: string } }>(SIGN_IN, {
    u: ADMIN.username,
    p: ADMIN.password,
  });
  expect(r.errors).toBeUndefined();
  return { token: r.data!.signIn.token, setCookie: r.headers.get("set-cookie") ?? "" };
}

describe("GATEHOUSE_COOKIE_DOMAIN behind HTTPS: __Secure-gatehouse_session with Domain=", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startAuthenticatedServer({
      GATEHOUSE_PUBLIC_URL: "https://auth.example.com",
      GATEHOUSE_COOKIE_DOMAIN: "example.com",
    });
  });
  afterAll(() => server?.close());

  it("sets the cookie for the whole domain, Secure, never __Host- (which forbids Domain)", async () => {
    const { token, setCookie } = await signInSetCookie(server);
    expect(setCookie).toMatch(/^__Secure-gatehouse_session=/);
    expect(setCookie).toContain(token);
    expect(setCookie).toMatch(/; Domain=example\.com;/);
    expect(setCookie).toContain("Secure");
    expect(setCookie).toContain("HttpOnly");
    expect(setCookie).toContain("Path=/");
    const me = await server.gql(ME, {}, { cookie: `__Secure-gatehouse_session=${token}` });
    expect(me.data?.me).toEqual({ username: ADMIN.username });
  });

  it("sign-out clears the domain cookie (and a host-only one of the same name)", async () => {
    const { token } = await signInSetCookie(server);
    const out = await server.gql(SIGN_OUT, {}, { cookie: `__Secure-gatehouse_session=${token}` });
    expect(out.data).toEqual({ signOut: true });
    const cleared = out.headers.getSetCookie();
    expect(cleared).toHaveLength(2);
    for (const c of cleared) expect(c).toMatch(/^__Secure-gatehouse_session=; Max-Age=0;/);
    expect(cleared.filter((c) => c.includes("Domain=example.com"))).toHaveLength(1);
    const me = await server.gql(ME, {}, { cookie: `__Secure-gatehouse_session=${token}` });
    expect(me.data?.me).toBeNull();
  });

  it("ignores a __Host- cookie from before the domain setting and clears it", async () => {
    const { token } = await signInSetCookie(server);
    const me = await server.gql(ME, {}, { cookie: `__Host-gatehouse_session=${token}` });
    expect(me.data?.me).toBeNull();
    expect(me.headers.get("set-cookie")).toMatch(/^__Host-gatehouse_session=; Max-Age=0/);
  });

  it("still refuses two session cookies (cookie tossing by a sibling)", async () => {
    const { token } = await signInSetCookie(server);
    for (const cookie of [
      `__Secure-gatehouse_session=planted; __Secure-gatehouse_session=${token}`,
      `__Host-gatehouse_session=planted; __Secure-gatehouse_session=${token}`,
    ]) {
      const r = await server.gql(ME, {}, { cookie });
      expect(r.status, cookie).toBe(400);
      expect(errorCode(r), cookie).toBe("DUPLICATE_SESSION_COOKIE");
    }
  });
});

describe("GATEHOUSE_COOKIE_DOMAIN over plain HTTP", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startAuthenticatedServer({
      GATEHOUSE_PUBLIC_URL: "http://auth.gh.localhost:7861",
      GATEHOUSE_COOKIE_DOMAIN: "gh.localhost",
    });
  });
  afterAll(() => server?.close());

  it("keeps the gatehouse_session name, adds Domain=, no Secure; sign-out clears both forms", async () => {
    const { token, setCookie } = await signInSetCookie(server);
    expect(setCookie).toMatch(
      /^gatehouse_session=[^;]+; Max-Age=\d+; Path=\/; Domain=gh\.localhost;/,
    );
    expect(setCookie).not.toContain("Secure");
    const out = await server.gql(SIGN_OUT, {}, { cookie: `gatehouse_session=${token}` });
    const cleared = out.headers.getSetCookie();
    expect(cleared.map((c) => c.includes("Domain=gh.localhost"))).toEqual([true, false]);
  });

  it("a duplicate is refused, and the answer clears the host-only one (the usual leftover)", async () => {
    const { token } = await signInSetCookie(server);
    const r = await server.gql(
      ME,
      {},
      { cookie: `gatehouse_session=old; gatehouse_session=${token}` },
    );
    expect(errorCode(r)).toBe("DUPLICATE_SESSION_COOKIE");
    const clears = r.headers.getSetCookie();
    expect(
      clears.some((c) => /^gatehouse_session=; Max-Age=0/.test(c) && !c.includes("Domain=")),
    ).toBe(true);
  });
});

describe("GATEHOUSE_CORS_ORIGINS", () => {
  const SPA = "https://spa.example.net";
  let server: TestServer;
  beforeAll(async () => {
    server = await startAuthenticatedServer({
      GATEHOUSE_CORS_ORIGINS: `${SPA},http://localhost:5173`,
    });
  });
  afterAll(() => server?.close());

  const preflight = (origin: string, path = "/graphql") =>
    rawRequest(server.url, path, {
      method: "OPTIONS",
      headers: {
        origin,
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type, x-api-key",
      },
    });

  const corsHeaders = (headers: Record<string, unknown>) =>
    Object.keys(headers).filter((h) => h.startsWith("access-control-"));

  it("answers a listed origin's preflight with 204, credentials, methods and headers", async () => {
    for (const path of ["/graphql", "/auth/verify"]) {
      const r = await preflight(SPA, path);
      expect(r.status, path).toBe(204);
      expect(r.headers["access-control-allow-origin"]).toBe(SPA);
      expect(r.headers["access-control-allow-credentials"]).toBe("true");
      expect(String(r.headers["access-control-allow-methods"])).toContain("POST");
      const allowed = String(r.headers["access-control-allow-headers"]).toLowerCase();
      for (const h of ["content-type", "authorization", "x-api-key", "apollo-require-preflight"])
        expect(allowed).toContain(h);
      expect(String(r.headers.vary)).toContain("Origin");
    }
  });

  it("lets the listed origin's credentialed request through, with the allow headers", async () => {
    const { token } = await signInSetCookie(server);
    const r = await rawRequest(server.url, "/graphql", {
      method: "POST",
      headers: {
        origin: SPA,
        "content-type": "application/json",
        cookie: `gatehouse_session=${token}`,
      },
      body: JSON.stringify({ query: ME }),
    });
    expect(r.status).toBe(200);
    expect(r.json.data?.me).toEqual({ username: ADMIN.username });
    expect(r.headers["access-control-allow-origin"]).toBe(SPA);
    expect(r.headers["access-control-allow-credentials"]).toBe("true");
    expect(String(r.headers.vary)).toContain("Origin");
  });

  it("gives other origins no CORS header at all (and the host guard still refuses them)", async () => {
    for (const origin of ["https://evil.example", "https://spa.example.net.evil.example", "null"]) {
      const pre = await preflight(origin);
      expect(pre.status, origin).not.toBe(204);
      expect(corsHeaders(pre.headers), origin).toEqual([]);
      const post = await rawRequest(server.url, "/graphql", {
        method: "POST",
        headers: { origin, "content-type": "application/json" },
        body: JSON.stringify({ query: ME }),
      });
      expect(corsHeaders(post.headers), origin).toEqual([]);
    }
    const denied = await preflight("https://evil.example");
    expect(denied.status).toBe(403);
  });

  it("the console's own same-origin requests are untouched (no CORS headers without Origin)", async () => {
    const r = await rawRequest(server.url, "/graphql", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: ME }),
    });
    expect(r.status).toBe(200);
    expect(corsHeaders(r.headers)).toEqual([]);
  });
});
