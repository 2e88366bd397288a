import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/clock.js";
import {
  SIGN_IN_PER_ACCOUNT_ADDRESS,
  SIGN_IN_PER_IP,
} from "../../src/features/rate-limits/rate-limit.service.js";
import {
  SIGN_IN_ACCOUNT_SLOWDOWN,
  slowdownMs,
} from "../../src/features/rate-limits/sign-in-throttle.js";
import { errorCode, type TestServer } from "../helpers/test-server.js";
import {
  ADMIN,
  createUser,
  SIGN_IN,
  signIn,
  startAuthenticatedServer,
} from "./accounts-helpers.js";

const TARGET = {
  username: "target",
  email: "target@example.com",
  password: "Tarn-Gravel-Orbit-42",
};
const GUESSES = SIGN_IN_PER_ACCOUNT_ADDRESS.limit;

describe("sign-in rate limits", () => {
  const clock = new ManualClock(Date.parse("2030-06-01T00:00:00Z"));
  let server: TestServer;
  let admin: string;
  let targetId: string;
  beforeAll(async () => {
    server = await startAuthenticatedServer(
      { GATEHOUSE_TRUST_PROXY: "true" },
      { overrides: { clock } },
    );
    admin = (await signIn(server, ADMIN.username, ADMIN.password)).token;
    targetId = await createUser(server, admin, { ...TARGET, isActive: true });
  });
  afterAll(() => server?.close());
  // Counters would carry over from one test to the next; each test starts from clean ones.
  beforeEach(async () => {
    await server.app.services.dataSource.query(`DELETE FROM rate_limits`);
  });

  const from = (ip?: string) => (ip ? { headers: { "x-forwarded-for": ip } } : {});
  const attempt = (u: string, p: string, ip = "198.51.100.1") =>
    server.gql(SIGN_IN, { u, p }, from(ip));
  const unlock = (userId: string) =>
    server.gql<{ unlockSignIn: boolean }>(
      "mutation($id: ID!) { unlockSignIn(userId: $id) }",
      { id: userId },
      { token: admin },
    );

  it("a stranger's guesses lock only the stranger's address: the owner signs in from another", async () => {
    const A = "203.0.113.66";
    for (let i = 0; i < GUESSES; i++) {
      expect(errorCode(await attempt(ADMIN.username, "not-the-password", A))).toBe(
        "UNAUTHENTICATED",
      );
    }
    const locked = await attempt(ADMIN.username, ADMIN.password, A);
    expect(errorCode(locked)).toBe("RATE_LIMITED");
    expect(locked.errors?.[0]?.extensions?.retryAfterSeconds).toBe(60);
    // The env superuser, password-only, is not kept out: a correct password from B works.
    expect((await attempt(ADMIN.username, ADMIN.password, "198.51.100.2")).errors).toBeUndefined();
    // ... and that does not lift A's lock.
    expect(errorCode(await attempt(ADMIN.username, ADMIN.password, A))).toBe("RATE_LIMITED");
    const rows = await server.app.services.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'rate_limit.locked' AND ip_address = $1`,
      [A],
    );
    expect(rows[0].n).toBe(1);
  });

  it("unlockSignIn clears the account's locks, for superusers only, and is audited", async () => {
    const A = "203.0.113.67";
    for (let i = 0; i < GUESSES; i++) await attempt("target", "not-the-password", A);
    expect(errorCode(await attempt("target", TARGET.password, A))).toBe("RATE_LIMITED");

    const mine = await signIn(server, "target", TARGET.password, {
      "x-forwarded-for": "198.51.100.3",
    });
    const refused = await server.gql(
      "mutation($id: ID!) { unlockSignIn(userId: $id) }",
      { id: targetId },
      { token: mine.token },
    );
    expect(errorCode(refused)).toBe("FORBIDDEN");

    const r = await unlock(targetId);
    expect(r.data?.unlockSignIn).toBe(true);
    expect((await attempt("target", TARGET.password, A)).errors).toBeUndefined();
    expect((await unlock(targetId)).data?.unlockSignIn).toBe(false);
    expect(errorCode(await unlock("00000000-0000-4000-8000-000000000000"))).toBe("NOT_FOUND");
    const audit = await server.app.services.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'rate_limit.unlocked' AND target_id = $1`,
      [targetId],
    );
    expect(audit[0].n).toBe(2);
  });

  it("counts against the account, not the typed text: username and email are one account", async () => {
    const ip = "198.51.100.4";
    for (let i = 0; i < GUESSES; i++) {
      const login = ["target", "TARGET@example.com", " Target "][i % 3] as string;
      expect(errorCode(await attempt(login, "not-the-password", ip))).toBe("UNAUTHENTICATED");
    }
    expect(errorCode(await attempt("target@example.com", TARGET.password, ip))).toBe(
      "RATE_LIMITED",
    );
  });

  it("lets the lock run out, and a correct password clears that address's count", async () => {
    const ip = "198.51.100.5";
    for (let i = 0; i < GUESSES - 1; i++) await attempt("target", "not-the-password", ip);
    expect((await attempt("target", TARGET.password, ip)).errors).toBeUndefined();
    // Without the reset, the next failure would be the one that locks.
    for (let i = 0; i < GUESSES - 1; i++) {
      expect(errorCode(await attempt("target", "not-the-password", ip))).toBe("UNAUTHENTICATED");
    }
    await attempt("target", "not-the-password", ip);
    const locked = await attempt("target", TARGET.password, ip);
    expect(locked.errors?.[0]?.extensions?.retryAfterSeconds).toBe(60);
    clock.advance(30_000);
    expect(errorCode(await attempt("target", TARGET.password, ip))).toBe("RATE_LIMITED");
    clock.advance(30_001);
    expect((await attempt("target", TARGET.password, ip)).errors).toBeUndefined();
  });

  it("unknown names are limited like accounts, and lockouts grow", async () => {
    const ip = "198.51.100.6";
    const lockOnce = async () => {
      for (let i = 0; i < GUESSES; i++) await attempt("ghost-user", "x-password", ip);
      return attempt("ghost-user", "x-password", ip);
    };
    expect((await lockOnce()).errors?.[0]?.extensions?.retryAfterSeconds).toBe(60);
    clock.advance(61_000);
    expect((await lockOnce()).errors?.[0]?.extensions?.retryAfterSeconds).toBe(120);
    clock.advance(121_000);
  });

  it("across addresses the account is slowed down, never refused", async () => {
    const failures = SIGN_IN_ACCOUNT_SLOWDOWN.freeFailures + 2;
    for (let i = 0; i < failures; i++) {
      expect(errorCode(await attempt("target", "not-the-password", `192.0.2.${i + 1}`))).toBe(
        "UNAUTHENTICATED",
      );
    }
    const started = performance.now();
    const r = await attempt("target", TARGET.password, "192.0.2.200");
    const took = performance.now() - started;
    expect(r.errors).toBeUndefined();
    expect(took).toBeGreaterThanOrEqual(slowdownMs(failures) - 20);
    expect(slowdownMs(1000)).toBeLessThanOrEqual(SIGN_IN_ACCOUNT_SLOWDOWN.maxDelayMs);
    // The unlock also forgets the slowdown.
    await unlock(targetId);
    const t2 = performance.now();
    await attempt("target", TARGET.password, "192.0.2.201");
    expect(performance.now() - t2).toBeLessThan(slowdownMs(failures));
  }, 60_000);

  it("groups IPv6 clients by /64", async () => {
    for (let i = 0; i < GUESSES; i++) {
      await attempt("target", "not-the-password", `2001:db8:1:1::${(i + 1).toString(16)}`);
    }
    expect(errorCode(await attempt("target", TARGET.password, "2001:db8:1:1:ffff::99"))).toBe(
      "RATE_LIMITED",
    );
    expect((await attempt("target", TARGET.password, "2001:db8:1:2::1")).errors).toBeUndefined();
  });

  it("believes only the right-most X-Forwarded-For hop: a spoofed left part changes nothing", async () => {
    for (let i = 0; i < GUESSES; i++) {
      await attempt("target", "not-the-password", `10.9.9.${i}, 203.0.113.70`);
    }
    const r = await attempt("target", TARGET.password, `10.9.9.200, 203.0.113.70`);
    expect(errorCode(r)).toBe("RATE_LIMITED");
  });

  it("successful sign-ins spend nothing: many users sign in from one address", async () => {
    const ip = "198.51.100.8";
    const users = Array.from({ length: 35 }, (_, i) => `formuser${i}`);
    for (const username of users) {
      await createUser(server, admin, { username, password: TARGET.password, isActive: true });
    }
    for (const username of users) {
      const r = await attempt(username, TARGET.password, ip);
      expect(errorCode(r)).toBeUndefined();
    }
  }, 120_000);

  it("also limits failures per client address, whatever the account", async () => {
    const ip = "198.51.100.9";
    for (let i = 0; i < SIGN_IN_PER_IP.limit; i++) {
      expect(errorCode(await attempt(`spray-${i}`, "x-password", ip))).toBe("UNAUTHENTICATED");
    }
    expect(errorCode(await attempt("target", TARGET.password, ip))).toBe("RATE_LIMITED");
    clock.advance(SIGN_IN_PER_IP.lockoutMs + 1000);
    expect((await attempt("target", TARGET.password, ip)).errors).toBeUndefined();
  }, 120_000);

  it("counts atomically: concurrent attempts cannot slip past the limit", async () => {
    const { rateLimits } = server.app.services;
    const policy = { limit: 5, windowMs: 60_000, lockoutMs: 60_000, maxLockoutMs: 60_000 };
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => rateLimits.consume("test:concurrent", "k", policy)),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(5);
    await rateLimits.reset("test:concurrent", "k");
    await expect(rateLimits.consume("test:concurrent", "k", policy)).resolves.toBe(1);
  });

  it("writes lockouts to the audit log", async () => {
    for (let i = 0; i <= GUESSES; i++) await attempt("target", "not-the-password", "198.51.100.10");
    const log = await server.gql<{ auditLog: { edges: { node: { action: string } }[] } }>(
      `{ auditLog(first: 5, action: "rate_limit.locked") { edges { node { action } } } }`,
      {},
      { token: admin },
    );
    expect(log.data?.auditLog.edges.length).toBeGreaterThan(0);
  });
});

describe("X-Forwarded-For without a trusted proxy", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startAuthenticatedServer();
  });
  afterAll(() => server?.close());

  it("is ignored: every guess counts against the connection's address", async () => {
    for (let i = 0; i < GUESSES; i++) {
      await server.gql(
        SIGN_IN,
        { u: ADMIN.username, p: "nope" },
        { headers: { "x-forwarded-for": `192.0.2.${i}` } },
      );
    }
    const r = await server.gql(
      SIGN_IN,
      { u: ADMIN.username, p: ADMIN.password },
      { headers: { "x-forwarded-for": "192.0.2.99" } },
    );
    expect(errorCode(r)).toBe("RATE_LIMITED");
  });
});
