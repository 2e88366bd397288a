import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ManualClock } from "../../src/clock.js";
import { AccountHousekeeping } from "../../src/features/sessions/housekeeping.js";
import { errorCode, type TestServer } from "../helpers/test-server.js";
import { ADMIN, createUser, signIn, startAuthenticatedServer } from "./accounts-helpers.js";

const ME = "{ me { id } }";
const MY_SESSIONS =
  "{ mySessions { id current userAgent ipAddress method createdAt lastSeenAt expiresAt } }";
const DAY = 86_400_000;

interface SessionRow {
  id: string;
  current: boolean;
  userAgent: string | null;
  ipAddress: string | null;
  method: string;
  lastSeenAt: string;
  expiresAt: string;
}

describe("sessions", () => {
  const clock = new ManualClock(Date.parse("2030-01-01T00:00:00Z"));
  let server: TestServer;
  let admin: string;
  beforeAll(async () => {
    server = await startAuthenticatedServer(
      { GATEHOUSE_SESSION_TTL: "10d" },
      { overrides: { clock } },
    );
    admin = (await signIn(server, ADMIN.username, ADMIN.password)).token;
  });
  afterAll(() => server?.close());

  it("stores only the SHA-256 of the token", async () => {
    const s = await signIn(server, ADMIN.username, ADMIN.password);
    const rows: { token_hash: string }[] = await server.app.services.dataSource.query(
      `SELECT token_hash FROM sessions`,
    );
    const { createHash } = await import("node:crypto");
    const digest = createHash("sha256").update(s.token).digest("hex");
    expect(rows.map((r) => r.token_hash)).toContain(digest);
    expect(JSON.stringify(rows)).not.toContain(s.token);
  });

  it("resolving a session is one query; the sliding write happens at most once a minute", async () => {
    const s = await signIn(server, ADMIN.username, ADMIN.password);
    const { services } = server.app;
    const request = {
      ip: "127.0.0.1",
      userAgent: null,
      secure: false,
      bearerToken: s.token,
      sessionCookie: null,
    };
    // Every statement the authenticator sends goes through the driver's pool.
    const spy = vi.spyOn(services.sessions.pool(), "query");
    try {
      expect((await services.auth.authenticate(request))?.username).toBe(ADMIN.username);
      expect(spy).toHaveBeenCalledTimes(1);
      clock.advance(61_000);
      await services.auth.authenticate(request);
      expect(spy).toHaveBeenCalledTimes(3);
      await services.auth.authenticate(request);
      expect(spy).toHaveBeenCalledTimes(4);
    } finally {
      spy.mockRestore();
    }
  });

  it("one token used by several requests at once is touched once when the minute is up", async () => {
    const s = await signIn(server, ADMIN.username, ADMIN.password);
    const { services } = server.app;
    const request = {
      ip: "127.0.0.1",
      userAgent: null,
      secure: false,
      bearerToken: s.token,
      sessionCookie: null,
    };
    clock.advance(61_000);
    const pool = services.sessions.pool();
    const query = pool.query.bind(pool) as (...args: unknown[]) => Promise<unknown>;
    let calls = 0;
    // The first look-up (another token) is held, so the five pile up into one batch.
    const spy = vi.spyOn(pool, "query").mockImplementation(((...args: unknown[]) => {
      if (++calls === 1) return new Promise((r) => setTimeout(r, 100)).then(() => query(...args));
      return query(...args);
    }) as never);
    try {
      const held = services.auth.authenticate({ ...request, bearerToken: admin });
      const viewers = await Promise.all(
        Array.from({ length: 5 }, () => services.auth.authenticate(request)),
      );
      await held;
      expect(viewers.every((v) => v?.username === ADMIN.username)).toBe(true);
      const touches = spy.mock.calls.filter(
        (c) => (c[0] as { name?: string }).name === "gatehouse_touch_session",
      );
      // One for the held look-up's session, one for the five sharing a row.
      expect(touches).toHaveLength(2);
    } finally {
      spy.mockRestore();
    }
  });

  it("concurrent look-ups share queries, each gets its own user, and none misses a revocation", async () => {
    await createUser(server, admin, {
      username: "crowd",
      password: "crowd-password",
      isActive: true,
    });
    const mine = await signIn(server, "crowd", "crowd-password");
    const doomed = await signIn(server, "crowd", "crowd-password");
    const { services } = server.app;
    const doomedId = (await services.sessions.resolve(doomed.token))?.sessionId ?? "";
    const pool = services.sessions.pool();
    const query = pool.query.bind(pool) as (...args: unknown[]) => Promise<unknown>;
    let calls = 0;
    // The first look-up is held for a moment, so later ones pile up behind it.
    const spy = vi.spyOn(pool, "query").mockImplementation(((...args: unknown[]) => {
      if (++calls === 1) return new Promise((r) => setTimeout(r, 150)).then(() => query(...args));
      return query(...args);
    }) as never);
    const request = (token: string) => ({
      ip: "127.0.0.1",
      userAgent: null,
      secure: false,
      bearerToken: token,
      sessionCookie: null,
    });
    const unknown = "A".repeat(43);
    try {
      const first = services.auth.authenticate(request(mine.token));
      const crowd = Array.from({ length: 30 }, (_, i) =>
        services.auth.authenticate(request([admin, mine.token, unknown][i % 3] ?? unknown)),
      );
      // Revoked while the first look-up is still out: look-ups made after it must see it.
      expect(await services.sessions.revoke(doomedId)).toBe(true);
      const afterRevoke = services.auth.authenticate(request(doomed.token));
      expect((await first)?.username).toBe("crowd");
      const viewers = await Promise.all(crowd);
      expect(viewers.map((v) => v?.username ?? null)).toEqual(
        Array.from({ length: 30 }, (_, i) => [ADMIN.username, "crowd", null][i % 3]),
      );
      expect(await afterRevoke).toBeNull();
      // 32 look-ups: the held one, the revocation's delete, then one batch for the rest.
      const lookups = spy.mock.calls.filter(
        (c) => (c[0] as { name?: string }).name === "gatehouse_resolve_sessions",
      );
      expect(lookups).toHaveLength(2);
    } finally {
      spy.mockRestore();
    }
  });

  it("mySessions lists own sessions with user agent, IP and the current flag", async () => {
    await createUser(server, admin, {
      username: "roamer",
      password: "roamer-password",
      isActive: true,
    });
    const a = await signIn(server, "roamer", "roamer-password", { "user-agent": "Laptop/1.0" });
    const b = await signIn(server, "roamer", "roamer-password", { "user-agent": "Phone/2.0" });
    const r = await server.gql<{ mySessions: SessionRow[] }>(MY_SESSIONS, {}, { token: a.token });
    const list = r.data?.mySessions ?? [];
    expect(list).toHaveLength(2);
    const current = list.find((s) => s.current);
    expect(current?.userAgent).toBe("Laptop/1.0");
    expect(list.find((s) => !s.current)?.userAgent).toBe("Phone/2.0");
    expect(current?.ipAddress).toMatch(/127\.0\.0\.1/);
    expect(current?.method).toBe("PASSWORD");
    expect(Date.parse(current?.expiresAt ?? "")).toBe(clock.now().getTime() + 10 * DAY);
    // A superuser sees the same two through sessions(userId).
    const other = await server.gql<{ sessions: SessionRow[] }>(
      `query($id: ID!) { sessions(userId: $id) { id current } }`,
      { id: a.userId },
      { token: admin },
    );
    expect(other.data?.sessions.map((s) => s.id).sort()).toEqual(list.map((s) => s.id).sort());
    expect(other.data?.sessions.every((s) => !s.current)).toBe(true);
    void b;
  });

  it("revokeSession: own sessions yes, other people's NOT_FOUND, a superuser any; effective at once", async () => {
    await createUser(server, admin, {
      username: "owner1",
      password: "owner1-password",
      isActive: true,
    });
    await createUser(server, admin, {
      username: "owner2",
      password: "owner2-password",
      isActive: true,
    });
    const one = await signIn(server, "owner1", "owner1-password");
    const oneB = await signIn(server, "owner1", "owner1-password");
    const two = await signIn(server, "owner2", "owner2-password");
    const ids = async (token: string) =>
      (
        (await server.gql<{ mySessions: SessionRow[] }>(MY_SESSIONS, {}, { token })).data
          ?.mySessions ?? []
      ).map((s) => s.id);
    const [twoId] = await ids(two.token);
    const oneIds = await ids(one.token);
    const REVOKE = `mutation($id: ID!) { revokeSession(id: $id) }`;
    const denied = await server.gql(REVOKE, { id: twoId }, { token: one.token });
    expect(errorCode(denied)).toBe("NOT_FOUND");
    expect(
      (await server.gql<{ me: { id: string } }>(ME, {}, { token: two.token })).data?.me,
    ).not.toBeNull();

    // owner1 ends their other session from this one.
    const mine = await server.gql<{ mySessions: SessionRow[] }>(
      MY_SESSIONS,
      {},
      { token: one.token },
    );
    const otherOfMine = mine.data?.mySessions.find((s) => !s.current)?.id;
    expect(oneIds).toContain(otherOfMine);
    const ok = await server.gql<{ revokeSession: boolean }>(
      REVOKE,
      { id: otherOfMine },
      { token: one.token },
    );
    expect(ok.data?.revokeSession).toBe(true);
    expect((await server.gql<{ me: null }>(ME, {}, { token: oneB.token })).data?.me).toBeNull();
    expect(
      (await server.gql<{ me: { id: string } }>(ME, {}, { token: one.token })).data?.me,
    ).not.toBeNull();

    // A superuser may end anyone's.
    const bySuper = await server.gql<{ revokeSession: boolean }>(
      REVOKE,
      { id: twoId },
      { token: admin },
    );
    expect(bySuper.data?.revokeSession).toBe(true);
    expect((await server.gql<{ me: null }>(ME, {}, { token: two.token })).data?.me).toBeNull();
    expect(errorCode(await server.gql(REVOKE, { id: twoId }, { token: admin }))).toBe("NOT_FOUND");
    expect(errorCode(await server.gql(REVOKE, { id: "nope" }, { token: admin }))).toBe("NOT_FOUND");
  });

  it("slides expiry on use (at most once a minute) and expires unused sessions", async () => {
    await createUser(server, admin, {
      username: "slider",
      password: "slider-password",
      isActive: true,
    });
    const s = await signIn(server, "slider", "slider-password");
    const started = clock.now().getTime();
    const row = async () =>
      (await server.gql<{ mySessions: SessionRow[] }>(MY_SESSIONS, {}, { token: s.token })).data
        ?.mySessions[0];

    clock.advance(30_000);
    // Within a minute of the last touch nothing is written.
    expect(Date.parse((await row())?.lastSeenAt ?? "")).toBe(started);

    clock.advance(9 * DAY);
    const touched = await row();
    expect(Date.parse(touched?.lastSeenAt ?? "")).toBe(clock.now().getTime());
    expect(Date.parse(touched?.expiresAt ?? "")).toBe(clock.now().getTime() + 10 * DAY);

    // Used 9 days in, it lives on past the original 10 days...
    clock.advance(5 * DAY);
    expect(
      (await server.gql<{ me: { id: string } }>(ME, {}, { token: s.token })).data?.me,
    ).not.toBeNull();
    // ...but left alone for longer than the TTL it is gone.
    clock.advance(10 * DAY + 1);
    expect((await server.gql<{ me: null }>(ME, {}, { token: s.token })).data?.me).toBeNull();
    // Everyone else's sessions expired too; sign the admin in again for later tests.
    admin = (await signIn(server, ADMIN.username, ADMIN.password)).token;
  });

  it("me re-issues the session cookie with a fresh Max-Age (the browser side of sliding expiry)", async () => {
    const s = await signIn(server, ADMIN.username, ADMIN.password);
    const viaCookie = await server.gql(ME, {}, { cookie: `gatehouse_session=${s.token}` });
    expect(viaCookie.headers.get("set-cookie")).toMatch(
      new RegExp(
        `^gatehouse_session=${s.token}; Max-Age=${10 * 86_400}; Path=/; HttpOnly; SameSite=Lax$`,
      ),
    );
    const viaBearer = await server.gql(ME, {}, { token: s.token });
    expect(viaBearer.headers.get("set-cookie")).toBeNull();
  });

  it("housekeeping deletes expired sessions and stale counters", async () => {
    const { services } = server.app;
    const count = async (sql: string) => (await services.dataSource.query(sql))[0].n as number;
    await services.rateLimits.consume("test:stale", "k", {
      limit: 5,
      windowMs: 1000,
      lockoutMs: 1000,
      maxLockoutMs: 1000,
    });
    clock.advance(11 * DAY);
    expect(await count(`SELECT count(*)::int AS n FROM sessions`)).toBeGreaterThan(0);
    await new AccountHousekeeping(
      services.sessions,
      services.rateLimits,
      services.logger,
    ).runOnce();
    expect(await count(`SELECT count(*)::int AS n FROM sessions`)).toBe(0);
    expect(
      await count(`SELECT count(*)::int AS n FROM rate_limits WHERE bucket = 'test:stale'`),
    ).toBe(0);
    admin = (await signIn(server, ADMIN.username, ADMIN.password)).token;
  });

  it("a bad cookie is anonymous without auto-login, and signOut clears it", async () => {
    const r = await server.gql<{ me: null }>(
      ME,
      {},
      { cookie: `gatehouse_session=${"A".repeat(43)}` },
    );
    expect(r.data?.me).toBeNull();
    const out = await server.gql<{ signOut: boolean }>(
      "mutation { signOut }",
      {},
      {
        cookie: `gatehouse_session=${"A".repeat(43)}`,
      },
    );
    expect(out.data?.signOut).toBe(false);
    expect(out.headers.get("set-cookie")).toContain("Max-Age=0");
  });
});

describe("session cookie and client address behind a proxy", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startAuthenticatedServer({
      GATEHOUSE_PUBLIC_URL: "https://auth.example.com",
      GATEHOUSE_TRUST_PROXY: "true",
    });
  });
  afterAll(() => server?.close());

  it("marks the cookie Secure when the public URL is https, and records X-Forwarded-For when trusted", async () => {
    const s = await signIn(server, ADMIN.username, ADMIN.password, {
      "x-forwarded-for": "203.0.113.9",
    });
    expect(s.setCookie).toContain("; Secure");
    const r = await server.gql<{ mySessions: SessionRow[] }>(MY_SESSIONS, {}, { token: s.token });
    expect(r.data?.mySessions[0]?.ipAddress).toBe("203.0.113.9");
  });
});

describe("X-Forwarded-For without a trusted proxy", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startAuthenticatedServer();
  });
  afterAll(() => server?.close());

  it("is ignored: the socket address is recorded", async () => {
    const s = await signIn(server, ADMIN.username, ADMIN.password, {
      "x-forwarded-for": "203.0.113.9",
    });
    const r = await server.gql<{ mySessions: SessionRow[] }>(MY_SESSIONS, {}, { token: s.token });
    expect(r.data?.mySessions[0]?.ipAddress).toMatch(/127\.0\.0\.1/);
  });
});
