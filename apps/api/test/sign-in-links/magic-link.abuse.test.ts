import "reflect-metadata";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/clock.js";
import { type FakeResend, startFakeResend } from "../helpers/fake-resend.js";
import {
  errorCode,
  type GqlResult,
  startTestServer,
  type TestServer,
} from "../helpers/test-server.js";
import { asClient, REDEEM, REQUEST, settle, TEAM_ENV, tokenOf } from "./support.js";

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** What a client can observe of an answer, minus what differs on every response anyway. */
function observable(r: GqlResult) {
  // The date and the random request id differ on every response, whoever asks.
  const headers = [...r.headers.entries()]
    .filter(([k]) => k !== "date" && k !== "x-request-id")
    .sort();
  return { status: r.status, body: { data: r.data, errors: r.errors }, headers };
}

describe("requestMagicLink: no enumeration, rate limits in the database", () => {
  let resend: FakeResend;
  let server: TestServer;
  const clock = new ManualClock(Date.parse("2026-11-23T12:00:00Z"));
  let n = 0;
  // A fresh client address per call unless a test pins one (the server trusts X-Forwarded-For here).
  const nextIp = () => `198.51.100.${++n % 250}`;

  beforeAll(async () => {
    resend = await startFakeResend();
    server = await startTestServer(
      {
        ...TEAM_ENV,
        GATEHOUSE_NEW_USER_IS_ACTIVE: "true",
        GATEHOUSE_TRUST_PROXY: "true",
        RESEND_API_KEY: resend.apiKey,
        RESEND_FROM: "auth@acme.test",
        RESEND_BASE_URL: resend.url,
      },
      { overrides: { clock, mailRetry: { attempts: 1, baseDelayMs: 1, timeoutMs: 2_000 } } },
    );
  });
  afterAll(async () => {
    await server?.close();
    await resend?.close();
  });

  it("answers known and unknown emails identically, in indistinguishable time", async () => {
    const known = Array.from({ length: 16 }, (_, i) => `known${i}@example.com`);
    for (const email of known) await server.gql(REQUEST, { email }, asClient(nextIp()));
    await settle(server);
    clock.advance(60 * 60_000);

    const seenKnown: ReturnType<typeof observable>[] = [];
    const seenUnknown: ReturnType<typeof observable>[] = [];
    const tKnown: number[] = [];
    const tUnknown: number[] = [];
    for (let i = 0; i < known.length; i++) {
      // Alternate, so drift in machine load hits both sides alike.
      for (const side of i % 2 ? ["known", "unknown"] : ["unknown", "known"]) {
        const email = side === "known" ? known[i]! : `stranger${i}@example.com`;
        const t0 = performance.now();
        const r = await server.gql(REQUEST, { email }, asClient(nextIp()));
        const took = performance.now() - t0;
        (side === "known" ? seenKnown : seenUnknown).push(observable(r));
        (side === "known" ? tKnown : tUnknown).push(took);
      }
    }
    await settle(server);
    expect(seenUnknown[0]!.body).toEqual({
      data: { requestMagicLink: { accepted: true } },
      errors: undefined,
    });
    for (const o of [...seenKnown, ...seenUnknown]) expect(o).toEqual(seenUnknown[0]);
    // Same code path before the response, and the same statements after it; any gap is noise.
    // The bound is generous because these machines run several test suites on two cores.
    const [mk, mu] = [median(tKnown), median(tUnknown)];
    expect(
      Math.abs(mk - mu),
      `median known ${mk.toFixed(1)} ms, unknown ${mu.toFixed(1)} ms`,
    ).toBeLessThan(Math.max(25, 0.5 * Math.min(mk, mu)));
  });

  it("per email: the 6th request in 15 minutes is RATE_LIMITED, whatever the address, and the victim's latest link still works", async () => {
    const victim = "victim@example.com";
    const before = resend.messages.length;
    for (let i = 0; i < 5; i++) {
      const r = await server.gql(REQUEST, { email: victim }, asClient(nextIp()));
      expect(r.errors).toBeUndefined();
    }
    const limited = await server.gql(REQUEST, { email: victim }, asClient(nextIp()));
    expect(errorCode(limited)).toBe("RATE_LIMITED");
    const retry = Number(limited.errors?.[0]?.extensions?.retryAfterSeconds);
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(15 * 60);
    // Upper/lower case and spaces are the same email to the limiter.
    expect(
      errorCode(await server.gql(REQUEST, { email: " VICTIM@example.com" }, asClient(nextIp()))),
    ).toBe("RATE_LIMITED");
    await settle(server);
    const mails = resend.messages.slice(before).filter((m) => m.to[0] === victim);
    expect(mails).toHaveLength(5);
    // The lockout issued nothing, so the newest mailed link was not superseded.
    const r = await server.gql(REDEEM, { token: tokenOf(resend.linkIn(mails.at(-1)!)) });
    expect(r.errors).toBeUndefined();

    clock.advance(16 * 60_000);
    expect(
      errorCode(await server.gql(REQUEST, { email: victim }, asClient(nextIp()))),
    ).toBeUndefined();
  });

  it("per address: the 21st request from one client in 15 minutes is RATE_LIMITED", async () => {
    clock.advance(60 * 60_000);
    const ip = "203.0.113.7";
    for (let i = 0; i < 20; i++) {
      const r = await server.gql(REQUEST, { email: `many${i}@example.com` }, asClient(ip));
      expect(r.errors).toBeUndefined();
    }
    const limited = await server.gql(REQUEST, { email: "many20@example.com" }, asClient(ip));
    expect(errorCode(limited)).toBe("RATE_LIMITED");
    expect(Number(limited.errors?.[0]?.extensions?.retryAfterSeconds)).toBeGreaterThan(0);
    // Another client is unaffected.
    expect(
      errorCode(await server.gql(REQUEST, { email: "many20@example.com" }, asClient(nextIp()))),
    ).toBeUndefined();
    await settle(server);
  });
});
