import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gqlRequest, startTestServer, type TestServer } from "../helpers/test-server.js";
import { type OwnPostgres, startOwnPostgres } from "./own-postgres.js";

const CREATE = `mutation($input: CreateUserInput!) { createUser(input: $input) { id username } }`;

/** One request's outcome under load. */
interface Outcome {
  at: number;
  ms: number;
  status: number;
  code?: string;
  ok: boolean;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function readyz(url: string): Promise<number> {
  try {
    return (await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(10_000) })).status;
  } catch {
    return 0;
  }
}

async function waitFor(what: string, check: () => Promise<boolean>, limitMs: number) {
  const t0 = performance.now();
  while (!(await check())) {
    if (performance.now() - t0 > limitMs) throw new Error(`${what} not within ${limitMs} ms`);
    await sleep(100);
  }
  return performance.now() - t0;
}

describe("PostgreSQL stopped under load and started again (a throwaway cluster)", () => {
  let cluster: OwnPostgres;
  let server: TestServer;

  beforeAll(async () => {
    cluster = await startOwnPostgres();
    server = await startTestServer({}, { databaseUrl: cluster.url });
  }, 90_000);
  afterAll(async () => {
    await server?.close().catch(() => {});
    await cluster?.destroy();
  });

  it("fails fast with DATABASE_UNAVAILABLE, /readyz follows, recovers without a restart, loses no acknowledged write", async () => {
    const acknowledged: string[] = [];
    const outcomes: Outcome[] = [];
    let n = 0;
    let stop = false;
    const t0 = performance.now();
    const writer = async () => {
      while (!stop) {
        const username = `pgdown-${n++}`;
        const started = performance.now();
        const r = await gqlRequest<{ createUser: { username: string } }>(server.url, CREATE, {
          input: { username, password: "correct horse battery", isActive: true },
        });
        const ok = r.data?.createUser?.username === username;
        if (ok) acknowledged.push(username);
        outcomes.push({
          at: started - t0,
          ms: performance.now() - started,
          status: r.status,
          code: r.errors?.[0]?.extensions?.code,
          ok,
        });
        if (!ok) await sleep(50); // no busy loop while the database is down
      }
    };
    const writers = [writer(), writer(), writer()];
    try {
      await waitFor("20 acknowledged writes", async () => acknowledged.length >= 20, 30_000);
      const ackedBefore = acknowledged.length;

      const stoppedAt = performance.now() - t0;
      await cluster.stop("fast");
      const downAt = performance.now() - t0;
      const notReadyIn = await waitFor(
        "/readyz 503",
        async () => (await readyz(server.url)) === 503,
        10_000,
      );
      expect(notReadyIn).toBeLessThan(10_000);
      // Keep the load on for a while with the database gone.
      await sleep(3_000);
      const r = await server.gql(`{ users(first: 1) { totalCount } }`);
      expect(r.errors?.[0]?.extensions?.code).toBe("DATABASE_UNAVAILABLE");
      expect(r.errors?.[0]?.message).toMatch(/database is unavailable/i);
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);

      const restartAt = performance.now() - t0;
      await cluster.start();
      const readyIn = await waitFor(
        "/readyz 200",
        async () => (await readyz(server.url)) === 200,
        20_000,
      );
      expect(readyIn).toBeLessThan(20_000);
      const ackedAtRestart = acknowledged.length;
      await waitFor(
        "writes after the restart",
        async () => acknowledged.length >= ackedAtRestart + 10,
        20_000,
      );
      stop = true;
      await Promise.all(writers);

      // Requests sent while the database was down (after the stop had completed).
      const down = outcomes.filter((o) => o.at > downAt && o.at + o.ms < restartAt);
      expect(down.length).toBeGreaterThan(5);
      for (const o of down) {
        expect(o.ok).toBe(false);
        // 503 when the viewer could not even be looked up, else a GraphQL error on a 200.
        expect([200, 503]).toContain(o.status);
        expect(o.code).toBe("DATABASE_UNAVAILABLE");
        // Fail fast: nothing waits for the pool's 5 s connect timeout, let alone hangs.
        expect(o.ms).toBeLessThan(3_000);
      }
      // Around the stop itself, some in-flight requests fail; none as an internal error or a 5xx.
      for (const o of outcomes.filter((o) => o.at >= stoppedAt - 1_000)) {
        expect(o.code).not.toBe("INTERNAL_SERVER_ERROR");
        expect([200, 503]).toContain(o.status);
        expect(o.ms).toBeLessThan(6_000);
      }
      expect(acknowledged.length).toBeGreaterThan(ackedBefore);
    } finally {
      stop = true;
      await Promise.all(writers);
    }

    // Every acknowledged write is in the database.
    const client = new pg.Client({ connectionString: cluster.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ username: string }>(
        `SELECT username FROM users WHERE username = ANY($1::text[])`,
        [acknowledged],
      );
      const stored = new Set(rows.map((r) => r.username));
      expect(acknowledged.filter((u) => !stored.has(u))).toEqual([]);
    } finally {
      await client.end();
    }
  }, 120_000);
});
