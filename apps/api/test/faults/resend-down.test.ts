import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeResend, startFakeResend } from "../helpers/fake-resend.js";
import { startTestServer, type TestServer } from "../helpers/test-server.js";

const REQUEST = `mutation($email: String!) { requestMagicLink(email: $email) { accepted } }`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const SAMPLES = 8;

let n = 0;
const asNewClient = () => ({ headers: { "x-forwarded-for": `10.88.0.${n++ % 250}` } });

async function timeRequests(server: TestServer, tag: string): Promise<number[]> {
  const took: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const t0 = performance.now();
    const r = await server.gql<{ requestMagicLink: { accepted: boolean } }>(
      REQUEST,
      { email: `resend-${tag}-${i}@example.com` },
      asNewClient(),
    );
    took.push(performance.now() - t0);
    expect(r.status).toBe(200);
    expect(r.errors).toBeUndefined();
    expect(r.data?.requestMagicLink.accepted).toBe(true);
  }
  return took;
}

describe("Resend down or slow: requestMagicLink keeps its normal latency", () => {
  let resend: FakeResend;
  let server: TestServer;
  let baseline: number;
  // Retries and timeouts short enough that background delivery settles within the test.
  const mailRetry = { attempts: 2, baseDelayMs: 100, timeoutMs: 2_000 };

  beforeAll(async () => {
    resend = await startFakeResend();
    server = await startTestServer(
      {
        RESEND_API_KEY: resend.apiKey,
        RESEND_FROM: "Gatehouse <auth@example.com>",
        RESEND_BASE_URL: resend.url,
        GATEHOUSE_TRUST_PROXY: "true",
      },
      { overrides: { mailRetry } },
    );
    await timeRequests(server, "warm");
    await server.app.services.background.idle();
    baseline = median(await timeRequests(server, "baseline"));
    await server.app.services.background.idle();
  });
  afterAll(async () => {
    await server?.close();
    await resend?.close();
  });

  /** Within the normal latency: a few times the healthy median, never the provider's delay. */
  const expectNormal = (took: number[]) => {
    const limit = Math.max(3 * baseline, baseline + 150);
    expect(median(took), `baseline median ${baseline.toFixed(1)} ms`).toBeLessThan(limit);
    // A guard against hangs; the median above is what catches waiting on Resend.
    expect(Math.max(...took)).toBeLessThan(2_500);
  };

  it("Resend answering 500 on every attempt", async () => {
    resend.enqueue(
      ...Array.from({ length: SAMPLES * mailRetry.attempts }, () => ({ status: 500 })),
    );
    const before = resend.requests;
    expectNormal(await timeRequests(server, "500"));
    await server.app.services.background.idle();
    // The fake really was asked (and failed): the speed is not from skipping delivery.
    expect(resend.requests - before).toBe(SAMPLES * mailRetry.attempts);
  });

  it("Resend answering after 1.5 s (slow, still within the mailer's timeout)", async () => {
    resend.delayMs = 1_500;
    const before = resend.messages.length;
    try {
      expectNormal(await timeRequests(server, "slow"));
      await server.app.services.background.idle();
    } finally {
      resend.delayMs = 0;
    }
    expect(resend.messages.length - before).toBe(SAMPLES);
  });

  it("Resend answering after 3 s (beyond the mailer's timeout)", async () => {
    resend.delayMs = 3_000;
    try {
      expectNormal(await timeRequests(server, "timeout"));
      await server.app.services.background.idle();
    } finally {
      resend.delayMs = 0;
    }
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it("Resend unreachable (connection refused)", async () => {
    await resend.close();
    const before = resend.requests;
    expectNormal(await timeRequests(server, "refused"));
    await server.app.services.background.idle();
    expect(resend.requests).toBe(before);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});
