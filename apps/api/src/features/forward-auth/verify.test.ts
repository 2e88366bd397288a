import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAuthenticatedServer } from "../../../test/accounts/accounts-helpers.js";
import {
  adminToken,
  NAVIGATION,
  type Person,
  person,
  revokeOwnSession,
  setActive,
  XHR,
} from "../../../test/forward-auth/support.js";
import { rawRequest } from "../../../test/helpers/raw-http.js";
import { startTestServer, type TestServer } from "../../../test/helpers/test-server.js";
import { FORWARD_AUTH_DENIED } from "./denial-audit.js";

const PUBLIC = "http://auth.example.test";
const APP = "https://chat.example.test/c/42?x=1&y=%20";

/**
 * Calls /auth/verify as a proxy on loopback would (node:http: fetch replaces Sec-Fetch-Mode
 * with its own "cors").
 */
async function verify(server: TestServer, headers: Record<string, string> = {}, method = "GET") {
  const r = await rawRequest(server.url, "/auth/verify", { method, headers });
  const one = (name: string) => {
    const v = r.headers[name];
    return v === undefined ? null : Array.isArray(v) ? v.join(", ") : v;
  };
  return {
    status: r.status,
    headers: { get: one },
    json: async () => JSON.parse(r.text) as unknown,
  };
}

describe("/auth/verify", () => {
  let server: TestServer;
  let admin: string;
  let ann: Person;

  beforeAll(async () => {
    server = await startAuthenticatedServer({
      GATEHOUSE_PUBLIC_URL: PUBLIC,
      GATEHOUSE_TRUST_PROXY: "127.0.0.1,::1",
      GATEHOUSE_FORWARD_AUTH_HEADERS: "email=X-Forwarded-Email",
    });
    admin = await adminToken(server);
    ann = await person(server, admin, "ann", "änn@example.com");
  });
  afterAll(() => server?.close());

  it("answers 200 with identity headers for a session cookie, never cached", async () => {
    const r = await verify(server, { cookie: ann.cookie, "x-forwarded-host": "chat.example.test" });
    expect(r.status).toBe(200);
    expect(r.headers.get("remote-user")).toBe("ann");
    expect(r.headers.get("remote-id")).toBe(ann.id);
    expect(r.headers.get("remote-name")).toBe("ann");
    expect(r.headers.get("remote-groups")).toBe("");
    // Renamed by GATEHOUSE_FORWARD_AUTH_HEADERS; non-ASCII is sent percent-encoded UTF-8.
    expect(r.headers.get("remote-email")).toBeNull();
    expect(r.headers.get("x-forwarded-email")).toBe(encodeURIComponent("änn@example.com"));
    expect(r.headers.get("cache-control")).toContain("no-store");
  });

  it("accepts a Bearer session token and any method the proxy forwards", async () => {
    for (const method of ["GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS"]) {
      const r = await verify(server, { authorization: `Bearer ${ann.token}` }, method);
      expect(r.status, method).toBe(200);
      expect(r.headers.get("remote-user"), method).toBe("ann");
    }
  });

  it("answers 401 JSON to API requests without credentials", async () => {
    const r = await verify(server, { ...XHR, "x-forwarded-host": "chat.example.test" });
    expect(r.status).toBe(401);
    expect(r.headers.get("location")).toBeNull();
    const body = (await r.json()) as { error: string; code: string; login: string };
    expect(body.code).toBe("UNAUTHENTICATED");
    expect(body.error).toMatch(/Sign in first/);
    expect(r.headers.get("remote-user")).toBeNull();
  });

  it("answers 401 to a bad Bearer token, even with a good cookie beside it", async () => {
    const r = await verify(server, { authorization: "Bearer nope", cookie: ann.cookie });
    expect(r.status).toBe(401);
  });

  it("sends a signed-out browser to sign in with the original URL (Traefik/Caddy headers)", async () => {
    const u = new URL(APP);
    const r = await verify(server, {
      ...NAVIGATION,
      "x-forwarded-proto": "https",
      "x-forwarded-host": u.host,
      "x-forwarded-uri": `${u.pathname}${u.search}`,
    });
    expect(r.status).toBe(302);
    expect(r.headers.get("location")).toBe(`${PUBLIC}/login?next=${encodeURIComponent(APP)}`);
    expect(r.headers.get("cache-control")).toContain("no-store");
  });

  it("decides navigation by Accept when Sec-Fetch-Mode is absent", async () => {
    const html = await verify(server, { accept: "text/html", "x-original-url": APP });
    expect(html.status).toBe(401);
    expect(html.headers.get("location")).toBe(`${PUBLIC}/login?next=${encodeURIComponent(APP)}`);
    const xhr = await verify(server, { accept: "text/html", "x-requested-with": "XMLHttpRequest" });
    expect(xhr.headers.get("location")).toBeNull();
    const ws = await verify(server, { accept: "text/html", "sec-fetch-mode": "websocket" });
    expect(ws.status).toBe(401);
    expect(ws.headers.get("location")).toBeNull();
  });

  it("gives nginx (X-Original-URL) a 401 carrying the sign-in URL, which auth_request can use", async () => {
    const r = await verify(server, { ...NAVIGATION, "x-original-url": APP });
    expect(r.status).toBe(401);
    expect(r.headers.get("location")).toBe(`${PUBLIC}/login?next=${encodeURIComponent(APP)}`);
  });

  it("drops an original URL with userinfo, a backslash or a foreign scheme", async () => {
    for (const bad of [
      "https://user:pw@chat.example.test/",
      "https://chat.example.test\\@evil.test/",
      "javascript://chat.example.test/%0aalert(1)",
      "//evil.test/",
    ]) {
      const r = await verify(server, { ...NAVIGATION, "x-original-url": bad });
      expect(r.headers.get("location"), bad).toBe(`${PUBLIC}/login`);
    }
  });

  it("ignores the Host check: the proxy calls with the app's Host and Origin", async () => {
    const r = await verify(server, {
      cookie: ann.cookie,
      "x-forwarded-host": "chat.example.test",
      origin: "https://chat.example.test",
    });
    expect(r.status).toBe(200);
  });

  it("refuses a revoked session and a deactivated user on the next request", async () => {
    const bob = await person(server, admin, "bob");
    expect((await verify(server, { cookie: bob.cookie })).status).toBe(200);
    await revokeOwnSession(server, bob.token);
    expect((await verify(server, { cookie: bob.cookie })).status).toBe(401);

    const cy = await person(server, admin, "cyd");
    expect((await verify(server, { authorization: `Bearer ${cy.token}` })).status).toBe(200);
    await setActive(server, admin, cy.id, false);
    expect((await verify(server, { authorization: `Bearer ${cy.token}` })).status).toBe(401);
  });
});

describe("forward-auth denials", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startAuthenticatedServer();
  });
  afterAll(() => server?.close());

  it("are counted exactly in metrics and written as one audit row per app and reason", async () => {
    const { forwardAuthDenials, audit, metrics } = server.app.services;
    const app = { id: "config:chat", name: "Chat" };
    for (let i = 0; i < 5; i++)
      forwardAuthDenials.denied({ outcome: "deny", app, reason: "not_in_group" }, "u1");
    forwardAuthDenials.denied({ outcome: "deny", app: null, reason: "unregistered_host" }, "u2");
    expect((await audit.list({ action: FORWARD_AUTH_DENIED })).events).toHaveLength(0);
    await forwardAuthDenials.flush();
    const rows = (await audit.list({ action: FORWARD_AUTH_DENIED })).events;
    expect(rows).toHaveLength(2);
    const chat = rows.find((e) => e.targetId === "config:chat");
    expect(chat?.detail).toMatch(/^5 denied requests to app "Chat" \(not_in_group\)/);
    expect(chat?.actorId).toBe("u1");
    // Nothing new since: the next flush writes nothing.
    await forwardAuthDenials.flush();
    expect((await audit.list({ action: FORWARD_AUTH_DENIED })).events).toHaveLength(2);
    const text = (await metrics.render()).body;
    expect(text).toContain(
      'gatehouse_forward_auth_denials_total{app="Chat",reason="not_in_group"} 5',
    );
    expect(text).toContain(
      'gatehouse_forward_auth_denials_total{app="unregistered",reason="unregistered_host"} 1',
    );
  });
});

describe("/auth/verify and auto-login", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ GATEHOUSE_AUTO_LOGIN: "true" });
  });
  afterAll(() => server?.close());

  it("never grants the auto-login identity, even to a loopback request", async () => {
    // The same request reaches GraphQL as the default superuser...
    const me = await server.gql<{ me: { username: string } }>("{ me { username } }");
    expect(me.data?.me.username).toBe("default");
    // ...but forward auth needs real credentials, and says how to get them.
    for (const headers of [{}, NAVIGATION]) {
      const r = await verify(server, headers);
      expect(r.status).toBe(401);
      expect(r.headers.get("location")).toBeNull();
      expect(r.headers.get("remote-user")).toBeNull();
      expect(((await r.json()) as { error: string }).error).toMatch(/GATEHOUSE_AUTO_LOGIN=false/);
    }
  });
});
