import "reflect-metadata";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeGoogle, startFakeGoogle } from "../helpers/fake-google.js";
import { errorCode, startTestServer, type TestServer } from "../helpers/test-server.js";
import {
  ADMIN,
  findUser,
  settle,
  signInAdmin,
  TEAM_ENV,
  tokenOf,
} from "../sign-in-links/support.js";

const SIGN_IN_NEXT = `mutation($u: String!, $p: String!, $next: String) {
  signIn(username: $u, password: $p, next: $next) { returnTo }
}`;
const DESTINATION = `query($next: String!) { returnDestination(next: $next) }`;
const REQUEST_NEXT = `mutation($email: String!, $next: String) { requestMagicLink(email: $email, next: $next) { accepted } }`;
const LOGIN_URL_NEXT = `mutation($id: ID!, $next: String) { emailLoginUrl(userId: $id, next: $next) { url } }`;
const REDEEM = `mutation($token: String!) { redeemLink(token: $token) { returnTo user { username } } }`;

/** Served at https://auth.example.com, sharing its cookie with *.example.com. */
const ENV = {
  ...TEAM_ENV,
  GATEHOUSE_NEW_USER_IS_ACTIVE: "true",
  GATEHOUSE_PUBLIC_URL: "https://auth.example.com",
  GATEHOUSE_COOKIE_DOMAIN: "example.com",
};

const ALLOWED: Array<[string, string]> = [
  ["/admin?tab=users", "/admin?tab=users"],
  ["https://app.example.com/c/1?x=2#m", "https://app.example.com/c/1?x=2#m"],
  ["https://EXAMPLE.com/", "https://example.com/"],
  ["https://deep.app.example.com:8443/x", "https://deep.app.example.com:8443/x"],
  ["https://auth.example.com/account", "https://auth.example.com/account"],
];

/** Each must land on the console: another site, a look-alike, or a parser trick. */
const REFUSED = [
  "http://app.example.com/", // plain HTTP while the console is HTTPS
  "https://evil.test/",
  "https://app.example.com.evil.test/",
  "https://evilexample.com/",
  "https://example.com.evil.test/",
  "https://app.example.com@evil.test/",
  "https://user:pw@app.example.com/",
  "https://evil.test\\@app.example.com/",
  "https://evil.test\\.example.com/",
  "https:\\\\app.example.com/",
  "https://evil.test#.example.com",
  "https://evil.test?.example.com",
  "https://evil.test/.example.com",
  "https://app.example.com%2eevil.test/",
  "https://app.example.com./",
  "//app.example.com/",
  "///app.example.com/",
  "https:app.example.com",
  "javascript://app.example.com/%0aalert(1)",
  "data:text/html,<script>alert(1)</script>",
  "ftp://app.example.com/",
  "https://app.example.com/\r\nSet-Cookie: x=1",
  " https://app.example.com/",
  "https://app.exam\tple.com/",
  "https://127.0.0.1/",
  "https://[::1]/",
  "/\\evil.test",
  "/\t/evil.test",
  "evil.test",
  `https://app.example.com/${"x".repeat(2100)}`,
];

describe("back to the app after sign-in: which destinations are allowed", () => {
  let server: TestServer;
  let admin: string;
  beforeAll(async () => {
    server = await startTestServer(ENV);
    admin = await signInAdmin(server);
  });
  afterAll(() => server?.close());

  async function signInReturn(next: string | null) {
    const r = await server.gql<{ signIn: { returnTo: string | null } }>(SIGN_IN_NEXT, {
      u: ADMIN.username,
      p: ADMIN.password,
      next,
    });
    expect(r.errors).toBeUndefined();
    return r.data!.signIn.returnTo;
  }

  it("password sign-in returns allowed destinations (console paths, its origin, hosts under the cookie domain)", async () => {
    expect(await signInReturn(null)).toBeNull();
    for (const [next, expected] of ALLOWED) expect(await signInReturn(next), next).toBe(expected);
  });

  it("refuses everything else: other hosts, look-alikes, userinfo, backslashes, control characters, schemes", async () => {
    for (const next of REFUSED) expect(await signInReturn(next), next).toBeNull();
  });

  it("returnDestination answers the same for a signed-in browser, and only for one", async () => {
    for (const [next, expected] of ALLOWED) {
      const r = await server.gql(DESTINATION, { next }, { token: admin });
      expect(r.data?.returnDestination, next).toBe(expected);
    }
    for (const next of REFUSED) {
      const r = await server.gql(DESTINATION, { next }, { token: admin });
      expect(r.data?.returnDestination, next).toBe("/");
    }
    const anonymous = await server.gql(DESTINATION, { next: ALLOWED[1]![0] });
    expect(errorCode(anonymous)).toBe("UNAUTHENTICATED");
  });

  it("a magic link keeps the destination it was requested with; an admin-fetched link inherits it", async () => {
    const email = "wanderer@example.com";
    const asked = await server.gql(REQUEST_NEXT, { email, next: "https://chat.example.com/c/9" });
    expect(asked.data).toEqual({ requestMagicLink: { accepted: true } });
    await settle(server);
    const user = await findUser(server, admin, email);
    const fetched = await server.gql<{ emailLoginUrl: { url: string } }>(
      LOGIN_URL_NEXT,
      { id: user!.id },
      { token: admin },
    );
    expect(fetched.errors).toBeUndefined();
    const redeemed = await server.gql<{ redeemLink: { returnTo: string | null } }>(REDEEM, {
      token: tokenOf(fetched.data!.emailLoginUrl.url),
    });
    expect(redeemed.errors).toBeUndefined();
    expect(redeemed.data!.redeemLink.returnTo).toBe("https://chat.example.com/c/9");
  });

  it("a refused destination is dropped silently from a request, and refused loudly from an admin", async () => {
    const email = "drifter@example.com";
    const asked = await server.gql(REQUEST_NEXT, { email, next: "https://evil.test/" });
    expect(asked.data).toEqual({ requestMagicLink: { accepted: true } });
    await settle(server);
    const user = await findUser(server, admin, email);
    const bad = await server.gql(
      LOGIN_URL_NEXT,
      { id: user!.id, next: "https://app.example.com@evil.test/" },
      { token: admin },
    );
    expect(errorCode(bad)).toBe("BAD_USER_INPUT");
    const inherited = await server.gql<{ emailLoginUrl: { url: string } }>(
      LOGIN_URL_NEXT,
      { id: user!.id },
      { token: admin },
    );
    const first = await server.gql<{ redeemLink: { returnTo: string | null } }>(REDEEM, {
      token: tokenOf(inherited.data!.emailLoginUrl.url),
    });
    expect(first.data!.redeemLink.returnTo).toBeNull();
    const explicit = await server.gql<{ emailLoginUrl: { url: string } }>(
      LOGIN_URL_NEXT,
      { id: user!.id, next: "https://wiki.example.com/page" },
      { token: admin },
    );
    const second = await server.gql<{ redeemLink: { returnTo: string | null } }>(REDEEM, {
      token: tokenOf(explicit.data!.emailLoginUrl.url),
    });
    expect(second.data!.redeemLink.returnTo).toBe("https://wiki.example.com/page");
  });
});

function cookiesFrom(res: Response): Map<string, string> {
  const jar = new Map<string, string>();
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(";");
    const eq = pair!.indexOf("=");
    jar.set(pair!.slice(0, eq), pair!.slice(eq + 1));
  }
  return jar;
}

describe("Google's redirect flow returns to an allowed app URL", () => {
  let google: FakeGoogle;
  let server: TestServer;
  beforeAll(async () => {
    google = await startFakeGoogle();
    server = await startTestServer({ ...ENV, ...google.env() });
  });
  afterAll(async () => {
    await server?.close();
    await google?.close();
  });

  async function signInThroughGoogle(i: number, next: string): Promise<Response> {
    google.nextUser = { sub: `ret-${i}`, email: `ret${i}@example.com` };
    const start = await fetch(`${server.url}/auth/google/start?next=${encodeURIComponent(next)}`, {
      redirect: "manual",
    });
    const consent = await fetch(start.headers.get("location")!, { redirect: "manual" });
    const jar = cookiesFrom(start);
    // The callback names the public URL (auth.example.com); the server listens on loopback.
    const callback = new URL(consent.headers.get("location")!);
    return fetch(`${server.url}${callback.pathname}${callback.search}`, {
      redirect: "manual",
      headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join("; ") },
    });
  }

  it("lands on the app for an allowed absolute next, on the console otherwise", async () => {
    const cases: Array<[string, string]> = [
      ["https://chat.example.com/c/1?q=a%20b", "https://chat.example.com/c/1?q=a%20b"],
      ["/account", "/account"],
      ["https://evil.test/", "/"],
      ["https://chat.example.com@evil.test/", "/"],
      ["http://chat.example.com/", "/"],
    ];
    for (const [i, [next, expected]] of cases.entries()) {
      const done = await signInThroughGoogle(i, next);
      expect(done.status, next).toBe(302);
      expect(done.headers.get("location"), next).toBe(expected);
      expect(cookiesFrom(done).get("__Secure-gatehouse_session")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    }
  });
});
