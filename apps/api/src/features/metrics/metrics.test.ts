import { networkInterfaces } from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, SIGN_IN, signIn } from "../../../test/accounts/accounts-helpers.js";
import { type FakeResend, startFakeResend } from "../../../test/helpers/fake-resend.js";
import { startTestServer, type TestServer } from "../../../test/helpers/test-server.js";

const TEAM = {
  GATEHOUSE_AUTO_LOGIN: "false",
  GATEHOUSE_SUPERUSER: ADMIN.username,
  GATEHOUSE_SUPERUSER_PASSWORD: ADMIN.password,
};

/** The value of one series in Prometheus text, 0 when it has not appeared yet. */
export function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  for (const line of text.split("\n")) {
    if (line.startsWith("#")) continue;
    const m = /^([a-zA-Z_:][\w:]*)(\{([^}]*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = Object.fromEntries(
      [...(m[3] ?? "").matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((x) => [x[1], x[2]]),
    );
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) return Number(m[4]);
  }
  return 0;
}

async function scrape(server: TestServer, headers: Record<string, string> = {}): Promise<string> {
  const r = await fetch(`${server.url}/metrics`, { headers });
  expect(r.status).toBe(200);
  expect(r.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
  return r.text();
}

/** Scrapes until `ready` holds: the event is counted after the response that caused it. */
async function scrapeUntil(server: TestServer, ready: (t: string) => boolean): Promise<string> {
  const until = Date.now() + 20_000;
  for (;;) {
    const text = await scrape(server);
    if (ready(text) || Date.now() > until) return text;
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("GET /metrics", () => {
  let server: TestServer;
  let resend: FakeResend;
  beforeAll(async () => {
    resend = await startFakeResend();
    server = await startTestServer(
      {
        ...TEAM,
        GATEHOUSE_NEW_USER_IS_ACTIVE: "true",
        RESEND_API_KEY: resend.apiKey,
        RESEND_FROM: "Acme <auth@acme.test>",
        RESEND_BASE_URL: resend.url,
        GOOGLE_CLIENT_ID: "cid.apps.googleusercontent.com",
        GOOGLE_CLIENT_SECRET: "google-client-secret-for-tests",
      },
      { overrides: { mailRetry: { attempts: 1, baseDelayMs: 1, timeoutMs: 2_000 } } },
    );
  });
  afterAll(async () => {
    await server?.close();
    await resend?.close();
  });

  it("counts password sign-ins, failures and GraphQL errors by operation", async () => {
    const before = await scrape(server);
    const ok = (t: string) =>
      sample(t, "gatehouse_sign_ins_total", { method: "password", result: "ok" });
    const bad = (t: string) =>
      sample(t, "gatehouse_sign_ins_total", { method: "password", result: "UNAUTHENTICATED" });
    const broken = (t: string) =>
      sample(t, "gatehouse_graphql_requests_total", {
        operation: "Broken",
        outcome: "GRAPHQL_VALIDATION_FAILED",
      });

    await signIn(server, ADMIN.username, ADMIN.password);
    const wrong = await server.gql(SIGN_IN, { u: ADMIN.username, p: "not-the-password" });
    expect(wrong.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    const invalid = await server.gql("query Broken { serverInfo { nope } }");
    expect(invalid.status).toBe(400);

    const after = await scrape(server);
    expect(ok(after) - ok(before)).toBe(1);
    expect(bad(after) - bad(before)).toBe(1);
    expect(broken(after) - broken(before)).toBe(1);
    // The histogram saw it too, under the same operation name.
    expect(
      sample(after, "gatehouse_graphql_request_duration_seconds_count", { operation: "Broken" }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      sample(after, "gatehouse_http_request_duration_seconds_count", {
        route: "graphql",
        status: "200",
      }),
    ).toBeGreaterThanOrEqual(2);
  });

  it("counts rate-limit refusals and the sign-ins they refuse", async () => {
    const before = await scrape(server);
    let refused = false;
    // Five wrong guesses per account and address are allowed; the sixth starts a lockout.
    for (let i = 0; i < 7 && !refused; i++) {
      const r = await server.gql(SIGN_IN, { u: "nobody-here", p: `guess-${i}` });
      refused = r.errors?.[0]?.extensions?.code === "RATE_LIMITED";
    }
    expect(refused).toBe(true);
    const after = await scrape(server);
    const delta = (name: string, labels: Record<string, string>) =>
      sample(after, name, labels) - sample(before, name, labels);
    expect(delta("gatehouse_rate_limit_refusals_total", { bucket: "signin:account-address" })).toBe(
      1,
    );
    expect(delta("gatehouse_sign_ins_total", { method: "password", result: "RATE_LIMITED" })).toBe(
      1,
    );
  });

  it("counts mail deliveries by status and magic-link sign-ins by result", async () => {
    const sent = (t: string) => sample(t, "gatehouse_mail_deliveries_total", { status: "sent" });
    const failed = (t: string) =>
      sample(t, "gatehouse_mail_deliveries_total", { status: "failed" });
    const before = await scrape(server);

    const REQUEST = "mutation($e: String!) { requestMagicLink(email: $e) { accepted } }";
    expect((await server.gql(REQUEST, { e: "mia@example.com" })).errors).toBeUndefined();
    const [mail] = await resend.waitForMessages(1);
    const afterSent = await scrapeUntil(server, (t) => sent(t) > sent(before));
    expect(sent(afterSent) - sent(before)).toBe(1);

    resend.enqueue({ status: 422, body: { message: "invalid recipient" } });
    expect((await server.gql(REQUEST, { e: "leo@example.com" })).errors).toBeUndefined();
    const afterFailed = await scrapeUntil(server, (t) => failed(t) > failed(before));
    expect(failed(afterFailed) - failed(before)).toBe(1);

    const token = new URL(resend.linkIn(mail!)).searchParams.get("token");
    const REDEEM = "mutation($t: String!) { redeemLink(token: $t) { token } }";
    expect((await server.gql(REDEEM, { t: token })).errors).toBeUndefined();
    const reused = await server.gql(REDEEM, { t: token });
    const code = reused.errors?.[0]?.extensions?.code ?? "";
    expect(code).not.toBe("");
    const after = await scrape(server);
    const magic = (result: string) =>
      sample(after, "gatehouse_sign_ins_total", { method: "magic_link", result }) -
      sample(before, "gatehouse_sign_ins_total", { method: "magic_link", result });
    expect(magic("ok")).toBe(1);
    expect(magic(code)).toBe(1);
  });

  it("counts the Google redirect flow's refusals by reason", async () => {
    const refused = (t: string) =>
      sample(t, "gatehouse_sign_ins_total", { method: "google", result: "google_state" });
    const before = await scrape(server);
    const r = await fetch(`${server.url}/auth/google/callback?state=forged&code=x`, {
      redirect: "manual",
    });
    expect(r.headers.get("location")).toBe("/login?error=google_state");
    expect(refused(await scrape(server)) - refused(before)).toBe(1);
  });

  it("reports the database pool and Node's process metrics", async () => {
    const text = await scrape(server);
    expect(text).toMatch(/^gatehouse_db_pool_connections \d+/m);
    expect(sample(text, "gatehouse_db_pool_connections")).toBeGreaterThanOrEqual(1);
    expect(text).toMatch(/^gatehouse_db_pool_idle \d+/m);
    expect(text).toMatch(/^gatehouse_db_pool_waiting \d+/m);
    expect(text).toMatch(/^gatehouse_db_pool_errors_total \d+/m);
    expect(sample(text, "process_cpu_user_seconds_total")).toBeGreaterThan(0);
    expect(sample(text, "nodejs_heap_size_used_bytes")).toBeGreaterThan(0);
  });

  it("does not serve loopback requests that a local proxy forwarded", async () => {
    const r = await fetch(`${server.url}/metrics`, { headers: { "x-forwarded-for": "127.0.0.1" } });
    expect(r.status).toBe(403);
    expect(((await r.json()) as { error: string }).error).toMatch(/GATEHOUSE_METRICS_TOKEN/);
  });
});

describe("GET /metrics switched off, or with a token", () => {
  let off: TestServer;
  let withToken: TestServer;
  const TOKEN = "metrics-token-0123456789abcdef";
  beforeAll(async () => {
    off = await startTestServer({ ...TEAM, GATEHOUSE_METRICS: "false" });
    withToken = await startTestServer({ ...TEAM, GATEHOUSE_METRICS_TOKEN: TOKEN });
  });
  afterAll(async () => {
    await off?.close();
    await withToken?.close();
  });

  it("answers 404 when GATEHOUSE_METRICS=false", async () => {
    const r = await fetch(`${off.url}/metrics`);
    expect(r.status).toBe(404);
    expect(await r.json()).toEqual({ error: "Not found" });
  });

  it("with a token: a forwarded request needs it, a wrong one is 401, the right one works", async () => {
    const forwarded = { "x-forwarded-for": "203.0.113.9" };
    expect((await fetch(`${withToken.url}/metrics`, { headers: forwarded })).status).toBe(401);
    const wrong = await fetch(`${withToken.url}/metrics`, {
      headers: { ...forwarded, authorization: "Bearer metrics-token-0123456789abcdeX" },
    });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get("www-authenticate")).toMatch(/^Bearer/);
    const right = await fetch(`${withToken.url}/metrics`, {
      headers: { ...forwarded, authorization: `Bearer ${TOKEN}` },
    });
    expect(right.status).toBe(200);
    // A direct loopback scraper still needs nothing.
    expect((await fetch(`${withToken.url}/metrics`)).status).toBe(200);
  });

  it("refuses a short token at start-up with one line", async () => {
    await expect(startTestServer({ ...TEAM, GATEHOUSE_METRICS_TOKEN: "short" })).rejects.toThrow(
      /GATEHOUSE_METRICS_TOKEN is too short/,
    );
  });
});

/** This machine's own non-loopback IPv4 address: connecting to it gives a non-loopback peer. */
const externalAddress = Object.values(networkInterfaces())
  .flat()
  .find((a) => a && a.family === "IPv4" && !a.internal)?.address;

describe.skipIf(!externalAddress)(
  `GET /metrics from a non-loopback peer (${externalAddress})`,
  () => {
    let server: TestServer;
    const TOKEN = "another-metrics-token-abcdef012345";
    beforeAll(async () => {
      server = await startTestServer({
        ...TEAM,
        GATEHOUSE_HOST: externalAddress!,
        GATEHOUSE_METRICS_TOKEN: TOKEN,
      });
    });
    afterAll(() => server?.close());

    it("is refused without the token and served with it", async () => {
      expect(server.url).toContain(externalAddress);
      expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
      const r = await fetch(`${server.url}/metrics`, {
        headers: { authorization: `Bearer ${TOKEN}` },
      });
      expect(r.status).toBe(200);
      expect(await r.text()).toContain("gatehouse_graphql_requests_total");
    });
  },
);
