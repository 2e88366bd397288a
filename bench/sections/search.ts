import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createApp } from "../../apps/api/src/app.js";
import { loadConfig } from "../../apps/api/src/config/config.js";
import { createLogger } from "../../apps/api/src/logger.js";
import { graphqlBody, JSON_HEADERS } from "../lib/load.js";
import { fmt, type Row } from "../lib/table.js";

const QUERY = `query($s: String!) { users(search: $s, first: 50) { totalCount edges { node { id username } } } }`;

/**
 * Item 5: p50/p95 of `users(search:)` with 1,000,000 users on PostgreSQL (100,000 on PGlite),
 * random substrings of 3–5 characters taken from stored usernames, one request at a time.
 */
export async function benchSearch(): Promise<Row[]> {
  const onPostgres = Boolean(process.env.DATABASE_URL);
  const total = Number(process.env.BENCH_SEARCH_USERS ?? (onPostgres ? 1_000_000 : 100_000));
  const dataDir = mkdtempSync(join(tmpdir(), "gatehouse-bench-search-"));
  let drop: (() => Promise<void>) | undefined;
  const env: Record<string, string> = {
    GATEHOUSE_DATA_DIR: dataDir,
    GATEHOUSE_PORT: "0",
    GATEHOUSE_LOG_LEVEL: "silent",
    GATEHOUSE_AUTO_LOGIN: "false",
    GATEHOUSE_SUPERUSER: "bench",
    GATEHOUSE_SUPERUSER_PASSWORD: "bench-password-123",
  };
  if (onPostgres) {
    const { createScratchDatabase } = await import("../../apps/api/test/helpers/database.js");
    const db = await createScratchDatabase();
    env.DATABASE_URL = db.url;
    drop = db.drop;
  }
  const config = loadConfig(env);
  const app = await createApp(config, {
    logger: createLogger("silent", false),
    memoryDatabase: !onPostgres,
  });
  try {
    const ds = app.database.dataSource;
    const t0 = performance.now();
    // Names are hex digests: every 3-character pattern matches roughly total × 10 / 4096 users.
    // 50,000 rows a statement: every statement must end within the pool's 15 s query timeout,
    // and each insert also fills the user_search copy and its trigram index.
    for (let start = 1; start <= total; start += 50_000) {
      const end = Math.min(total, start + 49_999);
      await ds.query(
        `INSERT INTO "users" ("username", "username_key", "email", "is_active", "created_at")
         SELECT n, n, n || '@example.com', true, now() - (g || ' seconds')::interval
           FROM generate_series($1::int, $2::int) g, LATERAL (SELECT substr(md5(g::text), 1, 14) AS n) x`,
        [start, end],
      );
    }
    await ds.query(`ANALYZE "users"`);
    const seedSeconds = (performance.now() - t0) / 1000;
    const url = await app.listen();
    const signIn = await fetch(`${url}/graphql`, {
      method: "POST",
      headers: JSON_HEADERS,
      body: graphqlBody(
        `mutation { signIn(username: "bench", password: "bench-password-123") { token } }`,
      ),
    });
    const token = ((await signIn.json()) as { data: { signIn: { token: string } } }).data.signIn
      .token;
    const samples: string[] = (
      await ds.query(`SELECT "username_key" AS k FROM "users" ORDER BY random() LIMIT 200`)
    ).map((r: { k: string }) => r.k);
    const terms = samples.map((k, i) => {
      const len = 3 + (i % 3);
      const at = (i * 7) % (k.length - len);
      return k.slice(at, at + len);
    });
    const timings: number[] = [];
    let matched = 0;
    for (const [i, term] of terms.entries()) {
      const t = performance.now();
      const r = await fetch(`${url}/graphql`, {
        method: "POST",
        headers: { ...JSON_HEADERS, authorization: `Bearer ${token}` },
        body: graphqlBody(QUERY, { s: term }),
      });
      const body = (await r.json()) as {
        data?: { users: { totalCount: number } };
        errors?: unknown;
      };
      if (!body.data) throw new Error(`search failed: ${JSON.stringify(body.errors)}`);
      if (i >= 20) timings.push(performance.now() - t); // the first 20 warm caches
      matched += body.data.users.totalCount;
    }
    timings.sort((a, b) => a - b);
    const p = (q: number) => timings[Math.floor(q * (timings.length - 1))]!;
    const target = onPostgres && total >= 1_000_000;
    return [
      {
        section: "search",
        metric: `seed ${fmt(total, 0)} users (SQL)`,
        value: `${fmt(seedSeconds, 1)} s`,
      },
      {
        section: "search",
        metric: `users(search:) p50 / p95, ${timings.length} queries, avg ${fmt(matched / terms.length, 0)} matches`,
        value: `${fmt(p(0.5), 1)} ms / ${fmt(p(0.95), 1)} ms`,
        target: target ? "p95 ≤ 25 ms (PostgreSQL, 1M)" : undefined,
        met: target ? p(0.95) <= 25 : undefined,
      },
    ];
  } finally {
    await app.close();
    await drop?.();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
