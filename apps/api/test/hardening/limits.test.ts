import { connect, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { QUERY_LIMITS } from "../../src/app.js";
import { startTestServer, type TestServer } from "../helpers/test-server.js";

const USER_FIELDS =
  "id username email emailVerified isActive isSuperuser authMethods createdAt lastLoginAt";

/** A users page with every field; a literal `first` multiplies its cost (armor's rule). */
const usersPage = (first: number) =>
  `{ users(first: ${first}) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ${USER_FIELDS} } } } }`;

// Short timeouts on the test's server, so a slow client is cut off within seconds.
const HEADERS_TIMEOUT_MS = 1_000;
const REQUEST_TIMEOUT_MS = 2_000;

interface SlowClientOutcome {
  /** Milliseconds from connect until the server closed the socket. */
  closedAfterMs: number;
  /** What the server wrote before closing (a 408 status line, or nothing). */
  received: string;
}

/**
 * Connects, writes `head` at once, then one more `drip` every 200 ms, and reports when the
 * server hangs up. Gives up (and fails the test through closedAfterMs) after `giveUpMs`.
 */
function slowClient(
  port: number,
  head: string,
  drip: string,
  giveUpMs: number,
): Promise<SlowClientOutcome> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const sock: Socket = connect(port, "127.0.0.1");
    let received = "";
    sock.on("data", (d) => {
      received += String(d);
    });
    sock.on("error", () => {});
    sock.write(head);
    const timer = setInterval(() => {
      if (!sock.destroyed && sock.writable) sock.write(drip);
    }, 200);
    const giveUp = setTimeout(() => sock.destroy(), giveUpMs);
    sock.on("close", () => {
      clearInterval(timer);
      clearTimeout(giveUp);
      resolve({ closedAfterMs: performance.now() - t0, received });
    });
  });
}

describe("query limits and slow clients", () => {
  let server: TestServer;
  let port: number;
  beforeAll(async () => {
    server = await startTestServer();
    server.app.server.headersTimeout = HEADERS_TIMEOUT_MS;
    server.app.server.requestTimeout = REQUEST_TIMEOUT_MS;
    port = Number(new URL(server.url).port);
  });
  afterAll(async () => {
    await server?.close();
  });

  it("refuses a query over the cost limit with a clear 400, and accepts the same shape when cheap", async () => {
    const expensive = await server.gql(usersPage(100));
    expect(expensive.status).toBe(400);
    expect(expensive.data ?? null).toBeNull();
    expect(expensive.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(expensive.errors?.[0]?.message).toMatch(
      new RegExp(`Cost limit of ${QUERY_LIMITS.maxCost} exceeded`),
    );

    const cheap = await server.gql<{ users: { totalCount: number } }>(usersPage(20));
    expect(cheap.errors).toBeUndefined();
    expect(cheap.status).toBe(200);
    expect(cheap.data?.users.totalCount).toBeGreaterThanOrEqual(1);
  });

  it("refuses too many directives with a clear 400", async () => {
    const many = Array.from({ length: QUERY_LIMITS.maxDirectives + 5 }, () => "@include(if: true)");
    const r = await server.gql(`{ serverInfo { version ${many.join(" ")} } }`);
    expect(r.status).toBe(400);
    expect(r.errors?.[0]?.message).toMatch(/directive/i);
  });

  it("refuses a document over the token limit before parsing all of it, within a second", async () => {
    const t0 = performance.now();
    const r = await server.gql(`{ ${"serverInfo { version } ".repeat(5_000)} }`);
    expect(performance.now() - t0).toBeLessThan(1_000);
    expect(r.status).toBe(400);
    expect(r.errors?.[0]?.message).toMatch(/token/i);
  });

  it("cuts off a client that sends its headers slowly (408, socket closed), and keeps serving others", async () => {
    const watching = slowClient(
      port,
      "POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\n",
      "X-Slow: a\r\n",
      15_000,
    );
    // While the slow client hangs on, other requests are answered promptly.
    await new Promise((r) => setTimeout(r, 300));
    const t0 = performance.now();
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    expect(performance.now() - t0).toBeLessThan(1_000);

    const outcome = await watching;
    expect(outcome.closedAfterMs).toBeGreaterThanOrEqual(HEADERS_TIMEOUT_MS - 50);
    // Node sweeps connections every second (server.ts), so allow one sweep plus slack.
    expect(outcome.closedAfterMs).toBeLessThan(HEADERS_TIMEOUT_MS + 3_000);
    expect(outcome.received).toMatch(/^HTTP\/1\.1 408/);
  });

  it("cuts off a client that sends its body slowly once the request timeout passes", async () => {
    const head = [
      "POST /graphql HTTP/1.1",
      "Host: 127.0.0.1",
      "Content-Type: application/json",
      "Content-Length: 100000",
      "",
      "",
    ].join("\r\n");
    const outcome = await slowClient(port, `${head}{"query":"`, "x", 15_000);
    expect(outcome.closedAfterMs).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS - 50);
    expect(outcome.closedAfterMs).toBeLessThan(REQUEST_TIMEOUT_MS + 3_000);
    // Never a 2xx or a 5xx: the request was cut off, not answered.
    expect(outcome.received).not.toMatch(/^HTTP\/1\.1 [25]\d\d/);
  });

  it("many slow clients at once do not starve the server, which stays healthy", async () => {
    const head = "POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    const clients = Array.from({ length: 30 }, () => slowClient(port, head, "X-S: 1\r\n", 15_000));
    await new Promise((r) => setTimeout(r, 300));
    const r = await server.gql<{ serverInfo: { version: string } }>("{ serverInfo { version } }");
    expect(r.status).toBe(200);
    expect(r.data?.serverInfo.version).toMatch(/^\d+\.\d+\.\d+/);
    const outcomes = await Promise.all(clients);
    for (const o of outcomes) expect(o.closedAfterMs).toBeLessThan(HEADERS_TIMEOUT_MS + 3_000);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});
