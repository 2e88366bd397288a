import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/clock.js";
import {
  SIGN_IN_PER_IP,
  SIGN_IN_PER_USERNAME,
} from "../../src/features/rate-limits/rate-limit.service.js";
import { errorCode, type TestServer } from "../helpers/test-server.js";
import {
  ADMIN,
  createUser,
  SIGN_IN,
  signIn,
  startAuthenticatedServer,
} from "./accounts-helpers.js";

describe("sign-in rate limits", () => {
  const clock = new ManualClock(Date.parse("2030-06-01T00:00:00Z"));
  let server: TestServer;
  let admin: string;
  beforeAll(async () => {
    server = await startAuthenticatedServer({}, { overrides: { clock } });
    admin = (await signIn(server, ADMIN.username, ADMIN.password)).token;
    await createUser(server, admin, {
      username: "target",
      password: "target-password",
      isActive: true,
    });
  });
  afterAll(() => server?.close());
  // Every request here comes from 127.0.0.1, so the per-address counter would carry over
  // from one test to the next; each test starts from clean counters instead.
  beforeEach(async () => {
    await server.app.services.dataSource.query(`DELETE FROM rate_limits`);
  });

  const attempt = (u: string, p: string, ip?: string) =>
    server.gql(SIGN_IN, { u, p }, ip ? { headers: { "x-forwarded-for": ip } } : {});

  it("locks a username after repeated failures, with retryAfterSeconds, then lets it through later", async () => {
    for (let i = 0; i < SIGN_IN_PER_USERNAME.limit; i++) {
      expect(errorCode(await attempt("target", "wrong-password"))).toBe("UNAUTHENTICATED");
    }
    const locked = await attempt("TARGET", "target-password");
    expect(errorCode(locked)).toBe("RATE_LIMITED");
    expect(locked.errors?.[0]?.extensions?.retryAfterSeconds).toBe(60);
    // Even the right password waits out the lockout.
    clock.advance(30_000);
    const still = await attempt("target", "target-password");
    expect(errorCode(still)).toBe("RATE_LIMITED");
    expect(still.errors?.[0]?.extensions?.retryAfterSeconds).toBe(30);
    clock.advance(30_001);
    expect((await attempt("target", "target-password")).errors).toBeUndefined();
    // One audit row for the lockout, not one per refused attempt.
    const rows = await server.app.services.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'rate_limit.locked' AND detail LIKE '%target'`,
    );
    expect(rows[0].n).toBe(1);
  });

  it("a successful sign-in resets the username's counter", async () => {
    for (let i = 0; i < SIGN_IN_PER_USERNAME.limit - 1; i++)
      await attempt("target", "wrong-password");
    expect((await attempt("target", "target-password")).errors).toBeUndefined();
    // Without the reset, this would be the attempt that locks.
    for (let i = 0; i < SIGN_IN_PER_USERNAME.limit - 1; i++) {
      expect(errorCode(await attempt("target", "wrong-password"))).toBe("UNAUTHENTICATED");
    }
    expect((await attempt("target", "target-password")).errors).toBeUndefined();
  });

  it("lockouts grow: the second one lasts twice as long", async () => {
    const lockOnce = async () => {
      for (let i = 0; i < SIGN_IN_PER_USERNAME.limit; i++)
        await attempt("ghost-user", "x-password");
      return attempt("ghost-user", "x-password");
    };
    const first = await lockOnce();
    expect(first.errors?.[0]?.extensions?.retryAfterSeconds).toBe(60);
    clock.advance(61_000);
    const second = await lockOnce();
    expect(second.errors?.[0]?.extensions?.retryAfterSeconds).toBe(120);
    clock.advance(121_000);
  });

  it("also limits attempts per client address", async () => {
    // Different usernames each time, so only the per-address bucket fills.
    for (let i = 0; i < SIGN_IN_PER_IP.limit; i++) {
      const r = await attempt(`spray-${i}`, "x-password", "198.51.100.7");
      expect(errorCode(r)).toBe("UNAUTHENTICATED");
    }
    // X-Forwarded-For is not trusted here, so every attempt counted against 127.0.0.1.
    const r = await attempt("spray-last", "x-password");
    expect(errorCode(r)).toBe("RATE_LIMITED");
    clock.advance(SIGN_IN_PER_IP.lockoutMs + 1000);
    expect((await attempt("target", "target-password")).errors).toBeUndefined();
  }, 120_000);

  it("counts atomically: concurrent attempts cannot slip past the limit", async () => {
    const { rateLimits } = server.app.services;
    const policy = { limit: 5, windowMs: 60_000, lockoutMs: 60_000, maxLockoutMs: 60_000 };
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => rateLimits.consume("test:concurrent", "k", policy)),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(5);
    await rateLimits.reset("test:concurrent", "k");
    await expect(rateLimits.consume("test:concurrent", "k", policy)).resolves.toBeUndefined();
  });

  it("writes lockouts to the audit log", async () => {
    const log = await server.gql<{ auditLog: { edges: { node: { action: string } }[] } }>(
      `{ auditLog(first: 5, action: "rate_limit.locked") { edges { node { action } } } }`,
      {},
      { token: (await signIn(server, ADMIN.username, ADMIN.password)).token },
    );
    expect(log.data?.auditLog.edges.length).toBeGreaterThan(0);
  });
});
