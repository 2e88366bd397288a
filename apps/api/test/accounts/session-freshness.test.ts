import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/clock.js";
import { loadConfig } from "../../src/config/config.js";
import { errorCode, startTestServer, type TestServer } from "../helpers/test-server.js";
import { ADMIN, CREATE_USER, signIn, startAuthenticatedServer } from "./accounts-helpers.js";

const DAY = 86_400_000;
const MINUTE = 60_000;
const ME = "{ me { username } }";
const ROTATE = "mutation { rotateSecretKey { primaryFingerprint } }";
const REAUTH = "mutation($p: String!) { reauthenticate(password: $p) }";
const PROMOTE = "mutation($id: ID!) { setSuperuser(userId: $id, superuser: true) { isSuperuser } }";

describe("absolute session lifetime", () => {
  const clock = new ManualClock(Date.parse("2030-01-01T00:00:00Z"));
  let server: TestServer;
  beforeAll(async () => {
    server = await startAuthenticatedServer(
      { GATEHOUSE_SESSION_TTL: "1d", GATEHOUSE_SESSION_MAX_AGE: "3d" },
      { overrides: { clock } },
    );
  });
  afterAll(() => server?.close());

  it("ends a session at its maximum age even though it was used all along", async () => {
    const s = await signIn(server, ADMIN.username, ADMIN.password);
    const started = clock.now().getTime();
    // Used twice a day: the sliding expiry alone would keep it alive for ever.
    for (let t = 0; t < 5; t++) {
      clock.advance(DAY / 2);
      const me = await server.gql<{ me: { username: string } | null }>(ME, {}, { token: s.token });
      expect(me.data?.me?.username).toBe(ADMIN.username);
    }
    const mine = await server.gql<{ mySessions: { expiresAt: string }[] }>(
      "{ mySessions { expiresAt } }",
      {},
      { token: s.token },
    );
    for (const row of mine.data?.mySessions ?? []) {
      expect(Date.parse(row.expiresAt)).toBeLessThanOrEqual(started + 3 * DAY);
    }
    clock.advance(DAY / 2 + 1000);
    const gone = await server.gql<{ me: null }>(ME, {}, { token: s.token });
    expect(gone.data?.me).toBeNull();
  });

  it("defaults to 90 days beside the 30-day sliding lifetime", () => {
    const config = loadConfig({});
    expect(config.sessionMaxAgeMs).toBe(90 * DAY);
    expect(config.freshSignInMs).toBe(15 * MINUTE);
    expect(() => loadConfig({ GATEHOUSE_SESSION_MAX_AGE: "forever" })).toThrow(
      /^GATEHOUSE_SESSION_MAX_AGE=forever is not a duration/,
    );
  });
});

describe("sensitive operations need a fresh sign-in", () => {
  const clock = new ManualClock(Date.parse("2030-02-01T00:00:00Z"));
  let server: TestServer;
  let token: string;
  beforeAll(async () => {
    server = await startAuthenticatedServer(
      { GATEHOUSE_FRESH_SIGN_IN: "15m" },
      { overrides: { clock } },
    );
    token = (await signIn(server, ADMIN.username, ADMIN.password)).token;
  });
  afterAll(() => server?.close());

  it("allows them right after sign-in", async () => {
    expect((await server.gql(ROTATE, {}, { token })).errors).toBeUndefined();
  });

  it("refuses them with FRESH_SIGN_IN_REQUIRED later, and reauthenticate lets them through again", async () => {
    clock.advance(16 * MINUTE);
    const rotate = await server.gql(ROTATE, {}, { token });
    expect(errorCode(rotate)).toBe("FRESH_SIGN_IN_REQUIRED");
    expect(rotate.errors?.[0]?.extensions?.freshWithinSeconds).toBe(15 * 60);
    const su = { username: "second-admin", password: "Tarn-Gravel-Orbit-42", isSuperuser: true };
    expect(errorCode(await server.gql(CREATE_USER, { input: su }, { token }))).toBe(
      "FRESH_SIGN_IN_REQUIRED",
    );
    // Ordinary operations are not held up.
    const plain = await server.gql<{ createUser: { id: string } }>(
      CREATE_USER,
      { input: { username: "plain-user", password: "Tarn-Gravel-Orbit-42" } },
      { token },
    );
    expect(plain.errors).toBeUndefined();
    const plainId = plain.data?.createUser.id;
    expect(errorCode(await server.gql(PROMOTE, { id: plainId }, { token }))).toBe(
      "FRESH_SIGN_IN_REQUIRED",
    );

    const wrong = await server.gql(REAUTH, { p: "not-my-password" }, { token });
    expect(errorCode(wrong)).toBe("BAD_USER_INPUT");
    const ok = await server.gql<{ reauthenticate: string }>(
      REAUTH,
      { p: ADMIN.password },
      { token },
    );
    expect(ok.errors).toBeUndefined();
    expect(Date.parse(ok.data?.reauthenticate ?? "")).toBe(clock.now().getTime());

    expect((await server.gql(ROTATE, {}, { token })).errors).toBeUndefined();
    expect((await server.gql(CREATE_USER, { input: su }, { token })).errors).toBeUndefined();
    expect((await server.gql(PROMOTE, { id: plainId }, { token })).errors).toBeUndefined();
  });

  it("limits password guesses through reauthenticate like sign-in", async () => {
    let last = await server.gql(REAUTH, { p: "guess-0" }, { token });
    for (let i = 1; i < 10 && errorCode(last) !== "RATE_LIMITED"; i++) {
      last = await server.gql(REAUTH, { p: `guess-${i}` }, { token });
    }
    expect(errorCode(last)).toBe("RATE_LIMITED");
    await server.app.services.dataSource.query("DELETE FROM rate_limits");
  });

  it("setPassword: fresh sign-in, the strength rule, the user's other sessions end", async () => {
    const SET = `mutation($id: ID!, $p: String!) { setPassword(userId: $id, password: $p) { id } }`;
    const password = "Tarn-Gravel-Orbit-42";
    const made = await server.gql<{ createUser: { id: string } }>(
      CREATE_USER,
      { input: { username: "pw-user", password, isActive: true } },
      { token },
    );
    const id = made.data?.createUser.id as string;
    const mine = await signIn(server, "pw-user", password);
    const other = await signIn(server, "pw-user", password);
    const adminId = (await signIn(server, ADMIN.username, ADMIN.password)).userId;
    // Someone else's password: superusers only.
    expect(
      errorCode(
        await server.gql(SET, { id: adminId, p: "Brand-New-Lantern-7" }, { token: mine.token }),
      ),
    ).toBe("FORBIDDEN");
    clock.advance(16 * MINUTE);
    expect(
      errorCode(await server.gql(SET, { id, p: "Brand-New-Lantern-7" }, { token: mine.token })),
    ).toBe("FRESH_SIGN_IN_REQUIRED");
    expect(
      (await server.gql(REAUTH, { p: password }, { token: mine.token })).errors,
    ).toBeUndefined();
    const weak = await server.gql(SET, { id, p: "password123" }, { token: mine.token });
    expect(errorCode(weak)).toBe("BAD_USER_INPUT");
    expect(
      (await server.gql(SET, { id, p: "Brand-New-Lantern-7" }, { token: mine.token })).errors,
    ).toBeUndefined();
    expect(
      (await server.gql<{ me: unknown }>(ME, {}, { token: mine.token })).data?.me,
    ).not.toBeNull();
    expect((await server.gql<{ me: unknown }>(ME, {}, { token: other.token })).data?.me).toBeNull();
    await signIn(server, "pw-user", "Brand-New-Lantern-7");
    // A superuser's new password needs 12 characters.
    const fresh = (await signIn(server, ADMIN.username, ADMIN.password)).token;
    const short = await server.gql(SET, { id: adminId, p: "Tz9#kq2!Lm" }, { token: fresh });
    expect(short.errors?.[0]?.message).toContain("at least 12");
  });

  it("is not asked in auto-login mode (there is no sign-in to repeat)", async () => {
    const auto = await startTestServer({}, { overrides: { clock } });
    try {
      clock.advance(DAY);
      expect((await auto.gql(ROTATE)).errors).toBeUndefined();
    } finally {
      await auto.close();
    }
  });
});
