import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateKeyText, parseKeyMaterial } from "../../src/features/secrets/key-material.js";
import { createScratchDatabase, usingPostgres } from "../helpers/database.js";
import { type GqlOptions, startTestServer, type TestServer } from "../helpers/test-server.js";

const ADMIN = { username: "admin", password: "admin-password-1" };
const SIGN_IN = `mutation($u: String!, $p: String!) { signIn(username: $u, password: $p) { token user { id } } }`;
const ME = `{ me { id username } }`;
const MY_SESSIONS = `{ mySessions { id current } }`;
const REVOKE = `mutation($id: ID!) { revokeSession(id: $id) }`;
const CREATE = `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`;
const SET_ACTIVE = `mutation($id: ID!, $a: Boolean!) { setActive(userId: $id, active: $a) { isActive } }`;
const SET_VAR = `mutation($n: String!, $v: String!) { setVariable(name: $n, value: $v) { name } }`;
const VARIABLES = `{ variables { name value } }`;
const ROTATE = `mutation { rotateSecretKey { rotated alreadyCurrent failed primaryFingerprint } }`;
const STATUS = `{ secretKeyStatus { primaryFingerprint undecryptable keys { fingerprint ciphertexts } } }`;

if (!usingPostgres) {
  console.warn(
    "instances.test.ts: several instances share one PostgreSQL database; skipped without DATABASE_URL (embedded PGlite is single-process).",
  );
}

let ipSeq = 0;
/** A distinct client address per request (trust proxy is on), so per-address limits never trip. */
const client = (o: GqlOptions = {}): GqlOptions => ({
  ...o,
  headers: { ...o.headers, "x-forwarded-for": `10.55.${(ipSeq >> 8) & 255}.${ipSeq++ & 255}` },
});

describe.skipIf(!usingPostgres)("several instances on one PostgreSQL database", () => {
  const K1 = generateKeyText();
  const K2 = generateKeyText();
  const K3 = generateKeyText();
  const fp2 = parseKeyMaterial(K2, "k").fingerprint;
  const env = (key: Record<string, string>) => ({
    GATEHOUSE_AUTO_LOGIN: "false",
    GATEHOUSE_SUPERUSER: ADMIN.username,
    GATEHOUSE_SUPERUSER_PASSWORD: ADMIN.password,
    GATEHOUSE_TRUST_PROXY: "true",
    ...key,
  });
  let db: { url: string; drop(): Promise<void> };
  let A: TestServer;
  let B: TestServer;
  const started: TestServer[] = [];
  const start = async (e: Record<string, string>) => {
    const s = await startTestServer(e, { databaseUrl: db.url });
    started.push(s);
    return s;
  };

  async function signIn(s: TestServer, username: string, password: string) {
    const r = await s.gql<{ signIn: { token: string; user: { id: string } } }>(
      SIGN_IN,
      { u: username, p: password },
      client(),
    );
    expect(r.errors).toBeUndefined();
    return { token: r.data!.signIn.token, userId: r.data!.signIn.user.id };
  }
  const meOn = async (s: TestServer, token: string) =>
    (await s.gql<{ me: { username: string } | null }>(ME, {}, client({ token }))).data?.me ?? null;

  beforeAll(async () => {
    db = await createScratchDatabase();
  });
  afterAll(async () => {
    for (const s of started) await s.close().catch(() => {});
    await db?.drop();
  });

  it("two instances starting at once on an empty database both come up and create one superuser", async () => {
    [A, B] = await Promise.all([
      start(env({ GATEHOUSE_SECRET_KEY: K1 })),
      start(env({ GATEHOUSE_SECRET_KEY: K1 })),
    ]);
    const rows = (await A.app.database.dataSource.query(
      `SELECT count(*)::int AS n FROM users WHERE username_key = $1`,
      [ADMIN.username],
    )) as { n: number }[];
    expect(rows[0]!.n).toBe(1);
    const [all] = (await A.app.database.dataSource.query(
      `SELECT count(*)::int AS n FROM users`,
    )) as { n: number }[];
    expect(all!.n).toBe(1);
  });

  it("a session made on A works on B; revoking it on A ends it on B's next request", async () => {
    const keep = await signIn(A, ADMIN.username, ADMIN.password);
    const doomed = await signIn(A, ADMIN.username, ADMIN.password);
    expect(await meOn(B, doomed.token)).toMatchObject({ username: ADMIN.username });

    const sessions = await B.gql<{ mySessions: { id: string; current: boolean }[] }>(
      MY_SESSIONS,
      {},
      client({ token: doomed.token }),
    );
    const doomedId = sessions.data!.mySessions.find((s) => s.current)!.id;
    const revoked = await A.gql(REVOKE, { id: doomedId }, client({ token: keep.token }));
    expect(revoked.data).toEqual({ revokeSession: true });

    expect(await meOn(B, doomed.token)).toBeNull();
    expect(await meOn(B, keep.token)).toMatchObject({ username: ADMIN.username });
    // Signing out on B ends the session on A as well.
    const out = await B.gql(`mutation { signOut }`, {}, client({ token: keep.token }));
    expect(out.errors).toBeUndefined();
    expect(await meOn(A, keep.token)).toBeNull();
  });

  it("deactivating a user on A ends their session on B at once", async () => {
    const admin = await signIn(A, ADMIN.username, ADMIN.password);
    const input = { username: "inst-user", password: "inst user password", isActive: true };
    const made = await A.gql<{ createUser: { id: string } }>(
      CREATE,
      { input },
      client({ token: admin.token }),
    );
    expect(made.errors).toBeUndefined();
    const user = await signIn(B, input.username, input.password);
    expect(await meOn(B, user.token)).toMatchObject({ username: input.username });

    const off = await A.gql(
      SET_ACTIVE,
      { id: made.data!.createUser.id, a: false },
      client({ token: admin.token }),
    );
    expect(off.errors).toBeUndefined();
    expect(await meOn(B, user.token)).toBeNull();
    const again = await B.gql(SIGN_IN, { u: input.username, p: input.password }, client());
    expect(again.errors?.[0]?.extensions?.code).toBe("ACCOUNT_INACTIVE");
  });

  it("rate limits are shared: guesses spread over A and B count against one limit", async () => {
    // One client address: the limit is per (account, address), 5 attempts per window.
    const guess = (s: TestServer) =>
      s.gql(
        SIGN_IN,
        { u: "inst-target", p: "wrong guess 123" },
        { headers: { "x-forwarded-for": "10.56.0.1" } },
      );
    // Spread them over both instances.
    for (const s of [A, B, A, B, A]) {
      expect((await guess(s)).errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    }
    expect((await guess(B)).errors?.[0]?.extensions?.code).toBe("RATE_LIMITED");
    expect((await guess(A)).errors?.[0]?.extensions?.code).toBe("RATE_LIMITED");
  });

  it("a rotation run on A leaves B serving every value; an instance with another key refuses to start", async () => {
    const admin = await signIn(A, ADMIN.username, ADMIN.password);
    const expected: Record<string, string> = {};
    for (let i = 0; i < 40; i++) {
      const name = `inst_var_${i}`;
      const value = `value ${i} ${"é".repeat(i)}`;
      const r = await (i % 2 ? A : B).gql(SET_VAR, { n: name, v: value }, client(admin));
      expect(r.errors).toBeUndefined();
      expected[name] = value;
    }

    // A new primary key everywhere, the old one kept as a fallback (a rolling key change).
    await A.close();
    await B.close();
    const newKeys = { GATEHOUSE_SECRET_KEY: K2, GATEHOUSE_SECRET_KEY_FALLBACKS: K1 };
    [A, B] = await Promise.all([start(env(newKeys)), start(env(newKeys))]);
    const token = (await signIn(A, ADMIN.username, ADMIN.password)).token;
    const readAll = async (s: TestServer) => {
      const r = await s.gql<{ variables: { name: string; value: string }[] }>(
        VARIABLES,
        {},
        client({ token }),
      );
      expect(r.errors).toBeUndefined();
      return Object.fromEntries(r.data!.variables.map((v) => [v.name, v.value]));
    };
    expect(await readAll(B)).toEqual(expected);

    // B keeps writing while A rotates; every value stays readable on B throughout.
    const rotating = A.gql<{ rotateSecretKey: { rotated: number; failed: number } }>(
      ROTATE,
      {},
      client({ token }),
    );
    for (let i = 0; i < 5; i++) {
      const name = `inst_live_${i}`;
      const r = await B.gql(SET_VAR, { n: name, v: `live ${i}` }, client({ token }));
      expect(r.errors).toBeUndefined();
      expected[name] = `live ${i}`;
    }
    const rotated = await rotating;
    expect(rotated.errors).toBeUndefined();
    expect(rotated.data!.rotateSecretKey.failed).toBe(0);
    expect(rotated.data!.rotateSecretKey.rotated).toBeGreaterThan(0);
    expect(await readAll(B)).toEqual(expected);
    const status = await B.gql<{
      secretKeyStatus: {
        primaryFingerprint: string;
        undecryptable: number;
        keys: { fingerprint: string; ciphertexts: number }[];
      };
    }>(STATUS, {}, client({ token }));
    expect(status.data!.secretKeyStatus.undecryptable).toBe(0);
    expect(status.data!.secretKeyStatus.primaryFingerprint).toBe(fp2);
    for (const k of status.data!.secretKeyStatus.keys) {
      expect(k.ciphertexts).toBe(k.fingerprint === fp2 ? Object.keys(expected).length : 0);
    }

    // A third instance with an unrelated key must not start against this data.
    const refused = await startTestServer(env({ GATEHOUSE_SECRET_KEY: K3 }), {
      databaseUrl: db.url,
    }).then(
      async (s) => {
        await s.close();
        return null;
      },
      (err: Error) => err,
    );
    expect(refused).toBeInstanceOf(Error);
    expect(refused!.message).toMatch(/secret key/i);
    expect(refused!.message).toContain(fp2);
    expect(refused!.message).not.toContain(K3);
    // The running instances are unaffected.
    expect(await readAll(A)).toEqual(expected);
  });
});
