import "reflect-metadata";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeGoogle, startFakeGoogle } from "../helpers/fake-google.js";
import { startTestServer, type TestServer } from "../helpers/test-server.js";
import { TEAM_ENV } from "./support.js";

/** A browser's cookie jar, reduced to what this flow needs. */
function cookiesFrom(res: Response): Map<string, string> {
  const jar = new Map<string, string>();
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(";");
    const eq = pair!.indexOf("=");
    jar.set(pair!.slice(0, eq), pair!.slice(eq + 1));
  }
  return jar;
}

const header = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");

describe("Google redirect flow: /auth/google/start → Google → /auth/google/callback", () => {
  let google: FakeGoogle;
  let server: TestServer;

  beforeAll(async () => {
    google = await startFakeGoogle();
    server = await startTestServer({
      ...TEAM_ENV,
      GATEHOUSE_NEW_USER_IS_ACTIVE: "true",
      ...google.env(),
    });
  });
  afterAll(async () => {
    await server?.close();
    await google?.close();
  });

  /** /start, then the fake consent screen; returns the callback URL and the browser's cookies. */
  async function throughGoogle(user: FakeGoogle["nextUser"], next?: string) {
    google.nextUser = user;
    const query = next === undefined ? "" : `?next=${encodeURIComponent(next)}`;
    const start = await fetch(`${server.url}/auth/google/start${query}`, { redirect: "manual" });
    expect(start.status).toBe(302);
    const toGoogle = new URL(start.headers.get("location")!);
    const jar = cookiesFrom(start);
    const consent = await fetch(toGoogle, { redirect: "manual" });
    expect(consent.status).toBe(302);
    return { toGoogle, callback: new URL(consent.headers.get("location")!), jar, start };
  }

  it("signs in end to end: state, PKCE S256, nonce, code exchange, session cookie, redirect into the console", async () => {
    const { toGoogle, callback, jar, start } = await throughGoogle({
      sub: "r-1",
      email: "ray@example.com",
    });
    const p = toGoogle.searchParams;
    expect(p.get("client_id")).toBe(google.clientId);
    expect(p.get("redirect_uri")).toBe(`${server.config.publicUrl}/auth/google/callback`);
    expect(p.get("response_type")).toBe("code");
    expect(p.get("code_challenge_method")).toBe("S256");
    expect(p.get("code_challenge")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(p.get("state")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(p.get("scope")).toContain("openid");
    const flowCookie = start.headers
      .getSetCookie()
      .find((c) => c.startsWith("gatehouse_google_flow="));
    expect(flowCookie).toMatch(/HttpOnly/);
    expect(flowCookie).toMatch(/SameSite=Lax/);
    expect(flowCookie).toMatch(/Path=\/auth\/google\/callback/);

    const done = await fetch(callback, { redirect: "manual", headers: { cookie: header(jar) } });
    expect(done.status).toBe(302);
    expect(done.headers.get("location")).toBe("/");
    const session = cookiesFrom(done).get("gatehouse_session");
    expect(session).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const me = await server.gql<{ me: { email: string; authMethods: string[] } }>(
      `{ me { email authMethods } }`,
      {},
      { cookie: `gatehouse_session=${session}` },
    );
    expect(me.data?.me).toEqual({ email: "ray@example.com", authMethods: ["GOOGLE"] });

    // Replaying the same callback (state already used) signs nobody in.
    const replay = await fetch(callback, { redirect: "manual", headers: { cookie: header(jar) } });
    expect(replay.headers.get("location")).toBe("/login?error=google_state");
    expect(cookiesFrom(replay).get("gatehouse_session")).toBeUndefined();
  });

  it("lands where the console asked (?next=), but only on a path of this site", async () => {
    const cases: Array<[string, string]> = [
      ["/users/42?tab=sessions", "/users/42?tab=sessions"],
      ["//evil.example/phish", "/"],
      ["https://evil.example/", "/"],
      ["/\\evil.example", "/"],
    ];
    for (const [i, [next, expected]] of cases.entries()) {
      const { callback, jar } = await throughGoogle(
        { sub: `next-${i}`, email: `next${i}@example.com` },
        next,
      );
      const done = await fetch(callback, { redirect: "manual", headers: { cookie: header(jar) } });
      expect(done.status).toBe(302);
      expect(done.headers.get("location")).toBe(expected);
      expect(cookiesFrom(done).get("gatehouse_session")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    }
  });

  it("a forged state is refused before any code exchange", async () => {
    const { callback, jar } = await throughGoogle({ sub: "r-2", email: "forged@example.com" });
    const before = google.tokenRequests;
    const forged = new URL(callback);
    forged.searchParams.set("state", "A".repeat(43));
    const r = await fetch(forged, { redirect: "manual", headers: { cookie: header(jar) } });
    expect(r.headers.get("location")).toBe("/login?error=google_state");
    expect(cookiesFrom(r).get("gatehouse_session")).toBeUndefined();
    expect(google.tokenRequests).toBe(before);
  });

  it("the state only works in the browser that started the flow (login CSRF)", async () => {
    const { callback } = await throughGoogle({ sub: "r-3", email: "victim@example.com" });
    // The callback URL lands in another browser: no flow cookie, or someone else's.
    const bare = await fetch(callback, { redirect: "manual" });
    expect(bare.headers.get("location")).toBe("/login?error=google_state");
    const other = await fetch(`${server.url}/auth/google/start`, { redirect: "manual" });
    const r = await fetch(callback, {
      redirect: "manual",
      headers: { cookie: header(cookiesFrom(other)) },
    });
    expect(r.headers.get("location")).toBe("/login?error=google_state");
    expect(cookiesFrom(r).get("gatehouse_session")).toBeUndefined();
  });

  it("an unverified Google email is sent back to the login page", async () => {
    const { callback, jar } = await throughGoogle({
      sub: "r-4",
      email: "nope@example.com",
      email_verified: false,
    });
    const r = await fetch(callback, { redirect: "manual", headers: { cookie: header(jar) } });
    expect(r.headers.get("location")).toBe("/login?error=google_failed");
    expect(cookiesFrom(r).get("gatehouse_session")).toBeUndefined();
  });

  it("the user denying consent at Google lands on the login page", async () => {
    const start = await fetch(`${server.url}/auth/google/start`, { redirect: "manual" });
    const state = new URL(start.headers.get("location")!).searchParams.get("state")!;
    const r = await fetch(`${server.url}/auth/google/callback?error=access_denied&state=${state}`, {
      redirect: "manual",
      headers: { cookie: header(cookiesFrom(start)) },
    });
    expect(r.headers.get("location")).toBe("/login?error=google_denied");
  });
});
