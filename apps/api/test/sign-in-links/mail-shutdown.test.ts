import "reflect-metadata";
import { afterAll, describe, expect, it } from "vitest";
import { type FakeResend, startFakeResend } from "../helpers/fake-resend.js";
import { startTestServer } from "../helpers/test-server.js";
import { REQUEST, TEAM_ENV } from "./support.js";

describe("shutdown with mail in flight", () => {
  let resend: FakeResend | undefined;
  afterAll(() => resend?.close());

  it("a hanging Resend does not hold up shutdown: the send is abandoned after the grace period", async () => {
    resend = await startFakeResend();
    const server = await startTestServer(
      {
        ...TEAM_ENV,
        RESEND_API_KEY: resend.apiKey,
        RESEND_FROM: "auth@acme.test",
        RESEND_BASE_URL: resend.url,
      },
      // Left alone, three one-minute attempts would keep the process alive for minutes.
      { overrides: { mailRetry: { attempts: 3, baseDelayMs: 10, timeoutMs: 60_000 } } },
    );
    resend.enqueue({ hang: true }, { hang: true }, { hang: true });
    const r = await server.gql(REQUEST, { email: "late@example.com" });
    expect(r.data).toEqual({ requestMagicLink: { accepted: true } });
    const until = Date.now() + 20_000;
    while (resend.requests < 1 && Date.now() < until) await new Promise((ok) => setTimeout(ok, 20));
    expect(resend.requests).toBe(1);

    const started = performance.now();
    await server.close();
    const took = performance.now() - started;
    // 3 s of grace, then the abort; the rest is closing the database.
    expect(took).toBeGreaterThan(2_500);
    expect(took).toBeLessThan(15_000);
    // Abandoned, not retried.
    expect(resend.requests).toBe(1);
  }, 120_000);
});
