import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { generateKeyText } from "../../src/features/secrets/key-material.js";
import { createScratchDatabase, usingPostgres } from "../helpers/database.js";
import { type ServerProcess, spawnServer } from "../helpers/spawn-server.js";
import { gqlRequest } from "../helpers/test-server.js";

const ADMIN = { username: "admin", password: "admin-password-1" };
const SIGN_IN = `mutation($u: String!, $p: String!) { signIn(username: $u, password: $p) { token } }`;

if (!usingPostgres) {
  console.warn(
    "processes.test.ts: two `gatehouse run` processes need one shared PostgreSQL; skipped without DATABASE_URL.",
  );
}

describe.skipIf(!usingPostgres)("two `gatehouse run` processes on one PostgreSQL database", () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c().catch(() => {});
  });

  it("start at once on an empty database: both ready, one superuser, sessions and sign-outs cross over", async () => {
    const db = await createScratchDatabase();
    cleanups.push(db.drop);
    const env = {
      DATABASE_URL: db.url,
      GATEHOUSE_AUTO_LOGIN: "false",
      GATEHOUSE_SUPERUSER: ADMIN.username,
      GATEHOUSE_SUPERUSER_PASSWORD: ADMIN.password,
      GATEHOUSE_SECRET_KEY: generateKeyText(),
    };
    const starting = [spawnServer(env), spawnServer(env)];
    for (const p of starting) cleanups.push(async () => (await p).stop());
    const [A, B] = (await Promise.all(starting)) as [ServerProcess, ServerProcess];

    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM users WHERE username_key = $1`,
        [ADMIN.username],
      );
      expect(rows[0]!.n).toBe(1);
    } finally {
      await client.end();
    }

    const signed = await gqlRequest<{ signIn: { token: string } }>(A.url, SIGN_IN, {
      u: ADMIN.username,
      p: ADMIN.password,
    });
    expect(signed.errors).toBeUndefined();
    const token = signed.data!.signIn.token;
    const me = await gqlRequest<{ me: { username: string } | null }>(
      B.url,
      `{ me { username } }`,
      {},
      { token },
    );
    expect(me.data?.me?.username).toBe(ADMIN.username);
    const out = await gqlRequest(B.url, `mutation { signOut }`, {}, { token });
    expect(out.errors).toBeUndefined();
    const gone = await gqlRequest<{ me: unknown }>(A.url, `{ me { username } }`, {}, { token });
    expect(gone.data?.me).toBeNull();

    expect(await A.stop()).toBe(0);
    expect(await B.stop()).toBe(0);
  }, 120_000);
});
