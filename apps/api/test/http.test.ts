import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "./helpers/test-server.js";

describe("HTTP surface", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ GOOGLE_CLIENT_ID: "cid.apps.googleusercontent.com" });
  });
  afterAll(() => server?.close());

  it("answers serverInfo publicly", async () => {
    const r = await server.gql<{ serverInfo: Record<string, unknown> }>(
      "{ serverInfo { authMode magicLinkDelivery googleSignInEnabled googleClientId newUserIsActive version } }",
    );
    expect(r.errors).toBeUndefined();
    expect(r.data?.serverInfo).toEqual({
      authMode: "AUTO_LOGIN",
      magicLinkDelivery: "MANUAL",
      googleSignInEnabled: true,
      googleClientId: "cid.apps.googleusercontent.com",
      newUserIsActive: false,
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
    });
  });

  it("/healthz and /readyz are 200 with security headers", async () => {
    const h = await fetch(`${server.url}/healthz`);
    expect(h.status).toBe(200);
    expect(h.headers.get("referrer-policy")).toBe("no-referrer");
    expect(h.headers.get("x-frame-options")).toBe("DENY");
    const r = await fetch(`${server.url}/readyz`);
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ status: "ready" });
  });

  it("/readyz turns 503 when the database is gone", async () => {
    const other = await startTestServer();
    await other.app.database.close();
    const r = await fetch(`${other.url}/readyz`);
    expect(r.status).toBe(503);
    other.app.server.close();
  });

  it("refuses a GET query without a CSRF-safe header (Apollo CSRF prevention)", async () => {
    const r = await fetch(
      `${server.url}/graphql?query=${encodeURIComponent("{serverInfo{version}}")}`,
    );
    expect(r.status).toBe(400);
    expect(await r.text()).toMatch(/CSRF/i);
  });

  it("refuses bodies over the limit with 413 and a JSON error", async () => {
    const big = "x".repeat(300 * 1024);
    const r = await fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: `{ serverInfo { version } }`, variables: { big } }),
    });
    expect(r.status).toBe(413);
    const body = (await r.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe("PAYLOAD_TOO_LARGE");
  });

  it("refuses malformed JSON with 400", async () => {
    const r = await fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{nope",
    });
    expect(r.status).toBe(400);
  });

  it("refuses over-deep and alias-heavy queries with a clear error", async () => {
    const n = 30;
    const deep = `{ __schema { types { fields { type ${"{ ofType ".repeat(n)}{ name }${" }".repeat(n)} } } } }`;
    const d = await server.gql(deep);
    expect(d.status).toBe(400);
    expect(d.errors?.[0]?.message).toMatch(/depth/i);
    const aliases = `{ ${Array.from({ length: 30 }, (_, i) => `a${i}: serverInfo { version }`).join(" ")} }`;
    const a = await server.gql(aliases);
    expect(a.errors?.[0]?.message).toMatch(/alias/i);
  });

  it("answers a syntax error with 400, not 500", async () => {
    const r = await server.gql("{ serverInfo {");
    expect(r.status).toBe(400);
    expect(r.errors?.[0]?.extensions?.code).toBe("GRAPHQL_PARSE_FAILED");
  });

  it("refuses documents with too many tokens", async () => {
    const r = await server.gql(`{ serverInfo { ${"version ".repeat(4000)} } }`);
    expect(r.status).toBe(400);
    expect(r.errors?.[0]?.message).toMatch(/token/i);
  });

  it("lets the standard introspection query through (the playground needs it)", async () => {
    const { getIntrospectionQuery } = await import("graphql");
    const r = await server.gql(getIntrospectionQuery());
    expect(r.errors).toBeUndefined();
    expect(r.status).toBe(200);
  });

  it("does not suggest field names to probers", async () => {
    const r = await server.gql("{ serverInfo { versio } }");
    expect(r.errors?.[0]?.message).not.toMatch(/Did you mean/);
  });

  it("refuses batched requests", async () => {
    const r = await fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify([
        { query: "{serverInfo{version}}" },
        { query: "{serverInfo{version}}" },
      ]),
    });
    expect(r.status).toBe(400);
  });

  it("serves the console (or says how to build it) at /", async () => {
    const r = await fetch(`${server.url}/`);
    expect([200, 503]).toContain(r.status);
  });
});
