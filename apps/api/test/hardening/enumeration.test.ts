import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ADMIN,
  createUser,
  signIn,
  startAuthenticatedServer,
} from "../accounts/accounts-helpers.js";
import type { GqlResult, TestServer } from "../helpers/test-server.js";

const REQUEST = `mutation($email: String!) { requestMagicLink(email: $email) { accepted } }`;
const SIGN_IN = `mutation($u: String!, $p: String!) { signIn(username: $u, password: $p) { token } }`;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

/** Generous: a real difference (a hash skipped, a row written first) is far larger than this. */
function expectIndistinguishable(known: number[], unknown: number[]): void {
  const mk = median(known);
  const mu = median(unknown);
  const bound = Math.max(25, 0.3 * Math.max(mk, mu));
  expect(
    Math.abs(mk - mu),
    `median known ${mk.toFixed(1)} ms, unknown ${mu.toFixed(1)} ms`,
  ).toBeLessThan(bound);
}

/** Everything a client can observe, minus the per-response date and random request id. */
function observable(r: GqlResult<unknown>) {
  const headers = Object.fromEntries(
    [...r.headers.entries()].filter(
      ([k]) => !["date", "content-length", "x-request-id"].includes(k),
    ),
  );
  return { status: r.status, data: r.data, errors: r.errors, headers };
}

type Side = "known" | "unknown";
type Observed = ReturnType<typeof observable>;

let ipCounter = 0;
/** A fresh client address per request (the server trusts X-Forwarded-For here), so per-address limits never trip. */
const fromNewClient = () => ({
  headers: { "x-forwarded-for": `10.77.${(ipCounter >> 8) & 255}.${ipCounter++ & 255}` },
});

const ROUNDS = 30;

describe("no account enumeration through responses or timing", () => {
  let server: TestServer;
  let adminToken: string;
  const knownNames: string[] = [];
  const knownEmails: string[] = [];

  beforeAll(async () => {
    // The timing checks need a real argon2 cost: a skipped hash must be measurable.
    server = await startAuthenticatedServer(
      { GATEHOUSE_TRUST_PROXY: "true" },
      { passwordHashing: "production" },
    );
    adminToken = (await signIn(server, ADMIN.username, ADMIN.password, fromNewClient().headers))
      .token;
    // Half as many accounts as rounds: each takes two wrong guesses, well under the per-username limit.
    for (let i = 0; i < ROUNDS / 2; i++) {
      const username = `enum-known-${i}`;
      const email = `enum-known-${i}@example.com`;
      await createUser(server, adminToken, {
        username,
        email,
        password: "a fine password 1",
        isActive: true,
      });
      knownNames.push(username);
      knownEmails.push(email);
    }
  });
  afterAll(async () => {
    await server?.close();
  });

  it("signIn: a known username with a wrong password and an unknown username answer alike, in alike time", async () => {
    // Warm both paths (JIT, connection pool, argon2 threads) before measuring.
    for (let i = 0; i < 3; i++) {
      await server.gql(SIGN_IN, { u: `enum-warm-${i}`, p: "wrong password 1" }, fromNewClient());
    }
    const seen: Record<Side, Observed[]> = { known: [], unknown: [] };
    const took = { known: [] as number[], unknown: [] as number[] };
    for (let i = 0; i < ROUNDS; i++) {
      // Alternate the order so load drift hits both sides alike.
      for (const side of i % 2
        ? (["known", "unknown"] as const)
        : (["unknown", "known"] as const)) {
        const u = side === "known" ? knownNames[i % knownNames.length]! : `enum-nobody-${i}`;
        const t0 = performance.now();
        const r = await server.gql(SIGN_IN, { u, p: "wrong password 1" }, fromNewClient());
        took[side].push(performance.now() - t0);
        seen[side].push(observable(r));
      }
    }
    const first = seen.unknown[0]!;
    expect(first.status).toBe(200);
    expect(first.data).toBeNull();
    expect(first.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    for (const o of [...seen.known, ...seen.unknown]) expect(o).toEqual(first);
    expectIndistinguishable(took.known, took.unknown);
  });

  it("requestMagicLink: known and unknown emails answer alike, in alike time", async () => {
    for (let i = 0; i < 3; i++) {
      await server.gql(REQUEST, { email: `enum-warm-${i}@example.com` }, fromNewClient());
    }
    const seen: Record<Side, Observed[]> = { known: [], unknown: [] };
    const took = { known: [] as number[], unknown: [] as number[] };
    for (let i = 0; i < ROUNDS; i++) {
      for (const side of i % 2
        ? (["known", "unknown"] as const)
        : (["unknown", "known"] as const)) {
        // Each known address is asked twice, under the per-email limit; unknown ones are fresh.
        const email =
          side === "known"
            ? knownEmails[i % knownEmails.length]!
            : `enum-stranger-${i}@example.com`;
        const t0 = performance.now();
        const r = await server.gql(REQUEST, { email }, fromNewClient());
        took[side].push(performance.now() - t0);
        seen[side].push(observable(r));
      }
      // Background link issuing from the previous pair must not bleed into the next timing.
      await server.app.services.background.idle();
    }
    const first = seen.unknown[0]!;
    expect(first.status).toBe(200);
    expect(first.data).toEqual({ requestMagicLink: { accepted: true } });
    expect(first.errors).toBeUndefined();
    for (const o of [...seen.known, ...seen.unknown]) expect(o).toEqual(first);
    expectIndistinguishable(took.known, took.unknown);
  });

  it("a malformed email is refused the same way whatever follows the @", async () => {
    const a = await server.gql(REQUEST, { email: "enum-known-0@" }, fromNewClient());
    const b = await server.gql(REQUEST, { email: "nobody-at-all@" }, fromNewClient());
    expect(a.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(observable(a)).toEqual(observable(b));
  });
});
