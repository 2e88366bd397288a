import { hash } from "@node-rs/argon2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ARGON2_PARAMS } from "../../src/features/passwords/password.service.js";
import { TEST_ARGON2_PARAMS } from "../helpers/password-hashing.js";
import { errorCode, type TestServer } from "../helpers/test-server.js";
import {
  ADMIN,
  createUser,
  SIGN_IN,
  signIn,
  startAuthenticatedServer,
} from "./accounts-helpers.js";

describe("passwords", () => {
  let server: TestServer;
  let admin: string;
  beforeAll(async () => {
    // Hashing is what is tested here: the production cost, as a real install runs.
    server = await startAuthenticatedServer({}, { passwordHashing: "production" });
    admin = (await signIn(server, ADMIN.username, ADMIN.password)).token;
  });
  afterAll(() => server?.close());

  const storedHash = async (username: string): Promise<string> => {
    const rows: { password_hash: string }[] = await server.app.services.dataSource.query(
      `SELECT password_hash FROM users WHERE username_key = $1`,
      [username],
    );
    return rows[0]?.password_hash ?? "";
  };

  it("stores argon2id with m=19456, t=2, p=1", async () => {
    await createUser(server, admin, { username: "hashed", password: "hashed-password" });
    expect(await storedHash("hashed")).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it("rehashes on sign-in when the stored hash used other parameters", async () => {
    await createUser(server, admin, {
      username: "legacy",
      password: "legacy-password",
      isActive: true,
    });
    const weak = await hash("legacy-password", { ...ARGON2_PARAMS, memoryCost: 8192, timeCost: 1 });
    await server.app.services.dataSource.query(
      `UPDATE users SET password_hash = $1 WHERE username_key = 'legacy'`,
      [weak],
    );
    await signIn(server, "legacy", "legacy-password");
    const upgraded = await storedHash("legacy");
    expect(upgraded).not.toBe(weak);
    expect(upgraded).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    await signIn(server, "legacy", "legacy-password");
  });

  it("unknown user and wrong password: same error, and the unknown user costs a full hash too", async () => {
    // Fresh usernames each round keep the rate limiter out of the measurement.
    const time = async (u: string, p: string) => {
      const t0 = performance.now();
      const r = await server.gql(SIGN_IN, { u, p });
      const ms = performance.now() - t0;
      return { ms, code: errorCode(r), message: r.errors?.[0]?.message };
    };
    const known: number[] = [];
    const unknown: number[] = [];
    const baseline: number[] = [];
    for (let i = 0; i < 4; i++) {
      await createUser(server, admin, {
        username: `timed-${i}`,
        password: "timed-password",
        isActive: true,
      });
    }
    for (let i = 0; i < 4; i++) {
      const k = await time(`timed-${i}`, "wrong-password");
      const u = await time(`no-such-user-${i}`, "wrong-password");
      expect(k.code).toBe("UNAUTHENTICATED");
      expect(u.code).toBe(k.code);
      expect(u.message).toBe(k.message);
      known.push(k.ms);
      unknown.push(u.ms);
      const t0 = performance.now();
      await server.gql("{ serverInfo { version } }");
      baseline.push(performance.now() - t0);
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
    // No early return: an unknown user takes about as long as a wrong password (an argon2
    // verification), far more than a request that does no hashing.
    expect(median(unknown)).toBeGreaterThan(median(baseline) + 5);
    expect(median(unknown)).toBeGreaterThan(median(known) * 0.5);
  }, 120_000);

  it("refuses an over-long password with the ordinary error", async () => {
    const r = await server.gql(SIGN_IN, { u: "hashed", p: "x".repeat(10_000) });
    expect(errorCode(r)).toBe("UNAUTHENTICATED");
  });
});

describe("test servers", () => {
  it("hash with the cheap test cost unless a test asks for the production one", async () => {
    const cheap = await startAuthenticatedServer();
    try {
      const rows: { password_hash: string }[] = await cheap.app.services.dataSource.query(
        `SELECT password_hash FROM users WHERE username_key = $1`,
        [ADMIN.username],
      );
      const { memoryCost, timeCost } = TEST_ARGON2_PARAMS;
      expect(rows[0]?.password_hash).toMatch(
        new RegExp(`^\\$argon2id\\$v=19\\$m=${memoryCost},t=${timeCost},p=1\\$`),
      );
      // The cheap hash is this server's own cost: signing in does not rehash it each time.
      await signIn(cheap, ADMIN.username, ADMIN.password);
      const after: { password_hash: string }[] = await cheap.app.services.dataSource.query(
        `SELECT password_hash FROM users WHERE username_key = $1`,
        [ADMIN.username],
      );
      expect(after[0]?.password_hash).toBe(rows[0]?.password_hash);
    } finally {
      await cheap.close();
    }
  });
});
