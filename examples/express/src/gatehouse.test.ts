import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAuthenticatedServer } from "../../../apps/api/test/accounts/accounts-helpers.js";
import {
  adminToken,
  NAVIGATION,
  type Person,
  person,
  revokeOwnSession,
  XHR,
} from "../../../apps/api/test/forward-auth/support.js";
import { rawRequest } from "../../../apps/api/test/helpers/raw-http.js";
import type { TestServer } from "../../../apps/api/test/helpers/test-server.js";
import { exampleApp } from "./app.js";

const PUBLIC_URL = "http://auth.example.test";

// The middleware against a real Gatehouse server over HTTP, as an app's backend would run it.
describe("examples/express: the Gatehouse middleware", () => {
  let gatehouse: TestServer;
  let app: Server;
  let appUrl: string;
  let ann: Person;

  beforeAll(async () => {
    gatehouse = await startAuthenticatedServer({
      GATEHOUSE_PUBLIC_URL: PUBLIC_URL,
      // The app's backend is the "proxy" here: it says which page was asked for.
      GATEHOUSE_TRUST_PROXY: "127.0.0.1,::1",
    });
    app = exampleApp(gatehouse.url).listen(0, "127.0.0.1");
    await new Promise((r) => app.once("listening", r));
    appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
    ann = await person(gatehouse, await adminToken(gatehouse), "ann", "Änne@example.com");
  });
  afterAll(async () => {
    app?.closeAllConnections();
    await new Promise((r) => app?.close(r));
    await gatehouse?.close();
  });

  it("sets req.user from a session cookie, decoding non-ASCII values", async () => {
    const r = await rawRequest(appUrl, "/me", { headers: { cookie: ann.cookie } });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.text)).toEqual({
      id: ann.id,
      username: "ann",
      email: "Änne@example.com".toLowerCase(),
      name: "ann",
      groups: [],
    });
  });

  it("accepts a Bearer token", async () => {
    const r = await rawRequest(appUrl, "/me", {
      headers: { ...XHR, authorization: `Bearer ${ann.token}` },
    });
    expect(r.status).toBe(200);
    expect((JSON.parse(r.text) as { username: string }).username).toBe("ann");
  });

  it("sends a signed-out browser to sign in and back to this page", async () => {
    const r = await rawRequest(appUrl, "/me?tab=2", { headers: NAVIGATION });
    expect(r.status).toBe(302);
    expect(r.headers.location).toBe(
      `${PUBLIC_URL}/login?next=${encodeURIComponent(`${appUrl}/me?tab=2`)}`,
    );
  });

  it("answers 401 to a signed-out script, and lets optional pages through", async () => {
    const r = await rawRequest(appUrl, "/me", { headers: XHR });
    expect(r.status).toBe(401);
    expect(r.json.error).toMatch(/Sign in first/);
    const hello = await rawRequest(appUrl, "/hello", { headers: XHR });
    expect(JSON.parse(hello.text)).toEqual({ hello: "stranger" });
    const signedIn = await rawRequest(appUrl, "/hello", { headers: { cookie: ann.cookie } });
    expect(JSON.parse(signedIn.text)).toEqual({ hello: "ann" });
  });

  it("refuses a revoked session on the next request", async () => {
    const bob = await person(gatehouse, await adminToken(gatehouse), "bob");
    expect((await rawRequest(appUrl, "/me", { headers: { cookie: bob.cookie } })).status).toBe(200);
    await revokeOwnSession(gatehouse, bob.token);
    expect((await rawRequest(appUrl, "/me", { headers: { cookie: bob.cookie } })).status).toBe(401);
  });

  it("fails closed with 503 when Gatehouse cannot be reached", async () => {
    const down = exampleApp("http://127.0.0.1:9").listen(0, "127.0.0.1");
    await new Promise((r) => down.once("listening", r));
    try {
      const url = `http://127.0.0.1:${(down.address() as AddressInfo).port}`;
      const r = await rawRequest(url, "/me", { headers: { cookie: ann.cookie } });
      expect(r.status).toBe(503);
    } finally {
      await new Promise((r) => down.close(r));
    }
  });
});
