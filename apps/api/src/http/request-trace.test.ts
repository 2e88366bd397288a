import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, SIGN_IN, signIn } from "../../test/accounts/accounts-helpers.js";
import { captureLogs, type LogCapture } from "../../test/helpers/log-capture.js";
import { startTestServer, type TestServer } from "../../test/helpers/test-server.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function authenticatedEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    GATEHOUSE_AUTO_LOGIN: "false",
    GATEHOUSE_SUPERUSER: ADMIN.username,
    GATEHOUSE_SUPERUSER_PASSWORD: ADMIN.password,
    GATEHOUSE_LOG_LEVEL: "info",
    ...extra,
  };
}

const accessLines = (logs: LogCapture, reqId: string) =>
  logs.lines().filter((l) => l.msg === "request" && l.reqId === reqId);

describe("request ids and the access log", () => {
  let server: TestServer;
  let logs: LogCapture;
  beforeAll(async () => {
    logs = captureLogs();
    server = await startTestServer(
      authenticatedEnv({
        GOOGLE_CLIENT_ID: "cid.apps.googleusercontent.com",
        GOOGLE_CLIENT_SECRET: "google-client-secret-for-tests",
      }),
      { logDestination: logs.stream },
    );
  });
  afterAll(() => server?.close());

  it("gives every response an id and writes one access line with it, the status and the user", async () => {
    const session = await signIn(server, ADMIN.username, ADMIN.password);
    const r = await server.gql<{ me: { id: string } }>(
      "query WhoAmI { me { id } }",
      {},
      { token: session.token, headers: { "x-request-id": "from-the-client-1" } },
    );
    expect(r.data?.me.id).toBe(session.userId);
    const id = r.headers.get("x-request-id") ?? "";
    // GATEHOUSE_TRUST_PROXY is off: a client's id is not taken.
    expect(id).toMatch(UUID);
    const line = await logs.waitFor((l) => l.msg === "request" && l.reqId === id);
    expect(line).toMatchObject({
      level: 30,
      method: "POST",
      path: "/graphql",
      operation: "WhoAmI",
      status: 200,
      userId: session.userId,
    });
    expect(typeof line.ms).toBe("number");
    expect(accessLines(logs, id)).toHaveLength(1);
    // The request's child logger names the request once, not again through the scope mixin.
    const raw = logs
      .text()
      .split("\n")
      .find((l) => l.includes(`"reqId":"${id}"`) && l.includes('"msg":"request"'));
    expect(raw?.match(/"reqId"/g)).toHaveLength(1);
    // Neither the bearer token nor the password ever reaches a log line.
    expect(logs.text()).not.toContain(session.token);
    expect(logs.text()).not.toContain(ADMIN.password);
  });

  it("logs the sign-in itself without the token it returns", async () => {
    const r = await server.gql<{ signIn: { token: string } }>(SIGN_IN, {
      u: ADMIN.username,
      p: ADMIN.password,
    });
    const token = r.data?.signIn.token ?? "";
    expect(token).not.toBe("");
    const id = r.headers.get("x-request-id") ?? "";
    const line = await logs.waitFor((l) => l.msg === "request" && l.reqId === id);
    expect(line.status).toBe(200);
    expect(logs.text()).not.toContain(token);
  });

  it("never logs a query string (a magic-link token lives there)", async () => {
    const secret = "Zm9vYmFyLXNlY3JldC10b2tlbi12YWx1ZQ";
    const r = await fetch(`${server.url}/auth/magic?token=${secret}`);
    const id = r.headers.get("x-request-id") ?? "";
    expect(id).toMatch(UUID);
    const line = await logs.waitFor((l) => l.msg === "request" && l.reqId === id);
    expect(line.path).toBe("/auth/magic");
    expect(logs.text()).not.toContain(secret);
  });

  it("puts the request id on lines services log while handling it", async () => {
    // The Google callback logs a warning through services.logger, deep in the feature code.
    const r = await fetch(`${server.url}/auth/google/callback?state=not-a-real-state`, {
      redirect: "manual",
    });
    const id = r.headers.get("x-request-id") ?? "";
    const warning = await logs.waitFor(
      (l) => typeof l.msg === "string" && l.msg.startsWith("Google callback with an unknown"),
    );
    expect(warning.reqId).toBe(id);
    await logs.waitFor((l) => l.msg === "request" && l.reqId === id);
  });

  it("logs probes at debug, so they stay out of the info access log", async () => {
    const r = await fetch(`${server.url}/healthz`);
    expect(r.status).toBe(200);
    const id = r.headers.get("x-request-id") ?? "";
    expect(id).toMatch(UUID);
    // A later request's line proves the probe's line would have been written by now.
    const later = await fetch(`${server.url}/readyz`);
    await later.text();
    const after = await fetch(`${server.url}/no-such-page-x`);
    await logs.waitFor((l) => l.reqId === after.headers.get("x-request-id"));
    expect(accessLines(logs, id)).toHaveLength(0);
  });

  it("echoes the id on errors too (404, 413)", async () => {
    const missing = await fetch(`${server.url}/api/nothing`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get("x-request-id")).toMatch(UUID);
    const big = await fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        query: "{ serverInfo { version } }",
        variables: { x: "y".repeat(300_000) },
      }),
    });
    expect(big.status).toBe(413);
    expect(big.headers.get("x-request-id")).toMatch(UUID);
  });
});

describe("request ids behind a trusted proxy", () => {
  let server: TestServer;
  let logs: LogCapture;
  beforeAll(async () => {
    logs = captureLogs();
    server = await startTestServer(authenticatedEnv({ GATEHOUSE_TRUST_PROXY: "true" }), {
      logDestination: logs.stream,
    });
  });
  afterAll(() => server?.close());

  it("keeps a sane X-Request-Id from the proxy and logs under it", async () => {
    const r = await fetch(`${server.url}/healthz`, { headers: { "x-request-id": "edge.42_a-B" } });
    expect(r.headers.get("x-request-id")).toBe("edge.42_a-B");
    const g = await server.gql(
      "{ serverInfo { version } }",
      {},
      { headers: { "x-request-id": "proxy-id-7" } },
    );
    expect(g.headers.get("x-request-id")).toBe("proxy-id-7");
    const line = await logs.waitFor((l) => l.msg === "request" && l.reqId === "proxy-id-7");
    expect(line.userId).toBeNull();
  });

  it.each([
    ["too long", "a".repeat(129)],
    ["spaces", "abc def"],
    ["a log-injection attempt", 'x","level":60,"y":"'],
    ["a newline", "abc%0Ainjected"],
  ])("replaces an X-Request-Id with %s by its own", async (_label, value) => {
    const r = await fetch(`${server.url}/healthz`, { headers: { "x-request-id": value } });
    expect(r.headers.get("x-request-id")).toMatch(UUID);
  });

  it("accepts exactly 128 characters", async () => {
    const id = "b".repeat(128);
    const r = await fetch(`${server.url}/healthz`, { headers: { "x-request-id": id } });
    expect(r.headers.get("x-request-id")).toBe(id);
  });
});
