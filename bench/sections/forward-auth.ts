import { startNginx } from "../../apps/api/test/helpers/proxies.js";
import { startUpstreamApp } from "../../apps/api/test/helpers/upstream-app.js";
import { graphqlBody, JSON_HEADERS, type LoadResult, load } from "../lib/load.js";
import { dropScratch, scratch } from "../lib/scratch.js";
import { spawnServer } from "../lib/server.js";
import { fmt, type Row } from "../lib/table.js";
import { average } from "./ratio-runs.js";

const PASSWORD = "Gh-bench-9f3kq-Lm7x";
/** Distinct sessions the loads cycle through: one repeated cookie would flatter any shortcut. */
const SESSIONS = 64;
/** Alternating windows per ratio, so the machine's drift hits both sides alike. */
const ROUNDS = 3;
const WINDOW_S = 4;

const SIGN_IN =
  "mutation($u: String!, $p: String!) { signIn(username: $u, password: $p) { token } }";

async function signIn(url: string, ip: string): Promise<string> {
  const r = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { ...JSON_HEADERS, "x-forwarded-for": ip },
    body: graphqlBody(SIGN_IN, { u: "bench", p: PASSWORD }),
  });
  const body = (await r.json()) as { data?: { signIn: { token: string } }; errors?: unknown };
  if (!body.data) throw new Error(`sign-in failed: ${JSON.stringify(body.errors)}`);
  return body.data.signIn.token;
}

async function createKey(url: string, token: string, name: string): Promise<string> {
  const r = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { ...JSON_HEADERS, authorization: `Bearer ${token}` },
    body: graphqlBody("mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { key } }", {
      i: { name },
    }),
  });
  const body = (await r.json()) as { data?: { createApiKey: { key: string } }; errors?: unknown };
  if (!body.data) throw new Error(`createApiKey failed: ${JSON.stringify(body.errors)}`);
  return body.data.createApiKey.key;
}

type Load = (seconds: number) => Promise<LoadResult>;

/** Both sides of a ratio in alternating windows; each side's windows averaged. */
async function ratio(a: Load, b: Load): Promise<{ a: LoadResult; b: LoadResult; ratio: number }> {
  const as: LoadResult[] = [];
  const bs: LoadResult[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    as.push(await a(WINDOW_S));
    bs.push(await b(WINDOW_S));
  }
  for (const r of [...as, ...bs])
    if (r.non2xx > 0 || r.errors > 0 || r.refused > 0)
      throw new Error(`${r.non2xx} non-2xx, ${r.errors} errors, ${r.refused} refused`);
  const A = average(as);
  const B = average(bs);
  return { a: A, b: B, ratio: A.rps / B.rps };
}

const line = (r: LoadResult) => `${fmt(r.rps, 0)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms`;

/** Issue 14: /auth/verify against /healthz, and an app behind nginx with and without auth_request. */
export async function benchForwardAuth(): Promise<Row[]> {
  const env: Record<string, string> = {
    GATEHOUSE_AUTO_LOGIN: "false",
    GATEHOUSE_SUPERUSER: "bench",
    GATEHOUSE_SUPERUSER_PASSWORD: PASSWORD,
    GATEHOUSE_TRUST_PROXY: "127.0.0.1",
  };
  if (process.env.DATABASE_URL) env.DATABASE_URL = await scratch();
  const server = await spawnServer(env);
  const app = await startUpstreamApp({ record: false });
  const withAuth = await startNginx({ gatehouse: server.url, app: app.url });
  // The same nginx and app, minus the auth_request lines: what protection costs.
  const plain = await startNginx(
    { gatehouse: server.url, app: app.url },
    {
      site: `server {
    listen 80;
    location / {
        proxy_pass http://app:8080;
        proxy_http_version 1.1;
        proxy_set_header Host $host;
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        proxy_set_header X-Forwarded-Proto $scheme;
        proxy_set_header Upgrade $http_upgrade;
        proxy_set_header Connection close;
    }
}`,
    },
  );
  try {
    const cookies: string[] = [];
    for (let i = 0; i < SESSIONS; i++)
      cookies.push(`gatehouse_session=${await signIn(server.url, `10.8.0.${i}`)}`);
    const keys: string[] = [];
    let keyError: string | null = null;
    try {
      for (let i = 0; i < 16; i++)
        keys.push(await createKey(server.url, cookies[0]!.split("=")[1]!, `bench ${i}`));
    } catch (err) {
      // Reported as a row, so the session-cookie and nginx figures still come out.
      keyError = (err as Error).message.slice(0, 160);
    }
    let turn = 0;
    // Every load sets headers per request, so the load generator does equal work on both sides.
    const verify: Load = (seconds) =>
      load({
        url: `${server.url}/auth/verify`,
        seconds,
        setupHeaders: () => ({ cookie: cookies[turn++ % SESSIONS] as string }),
        check: (b) => b === "OK\n",
      });
    const verifyKey: Load = (seconds) =>
      load({
        url: `${server.url}/auth/verify`,
        seconds,
        setupHeaders: () => ({ "x-api-key": keys[turn++ % keys.length] as string }),
        check: (b) => b === "OK\n",
      });
    const health: Load = (seconds) =>
      load({
        url: `${server.url}/healthz`,
        seconds,
        setupHeaders: () => ({ cookie: cookies[turn++ % SESSIONS] as string }),
      });
    const viaNginx =
      (base: string): Load =>
      (seconds) =>
        load({
          url: `${base}/page`,
          seconds,
          setupHeaders: () => ({ cookie: cookies[turn++ % SESSIONS] as string }),
          check: (b) => b.includes('"path":"/page"'),
        });
    // Warm-up: JIT, pools and nginx's keep-alive connections.
    await verify(2);
    if (!keyError) await verifyKey(2);
    await health(2);
    await viaNginx(withAuth.url)(2);
    await viaNginx(plain.url)(2);
    const direct = await ratio(verify, health);
    const byKey = keyError ? null : await ratio(verifyKey, health);
    const proxied = await ratio(viaNginx(withAuth.url), viaNginx(plain.url));
    return [
      { section: "forward auth", metric: "GET /healthz (same run)", value: line(direct.b) },
      {
        section: "forward auth",
        metric: "GET /auth/verify, session cookie, 16 connections",
        value: line(direct.a),
        target: "p99 ≤ 5 ms",
        met: direct.a.p99 <= 5,
      },
      {
        section: "forward auth",
        metric: "/auth/verify ÷ /healthz",
        value: fmt(direct.ratio, 2),
        target: "≥ 0.5",
        met: direct.ratio >= 0.5,
      },
      ...(byKey
        ? [
            {
              section: "forward auth",
              metric: "GET /auth/verify, API key (X-API-Key), 16 connections",
              value: line(byKey.a),
              target: "p99 ≤ 5 ms",
              met: byKey.a.p99 <= 5,
            },
            {
              section: "forward auth",
              metric: "/auth/verify with an API key ÷ /healthz",
              value: `${fmt(byKey.ratio, 2)} (healthz beside it: ${fmt(byKey.b.rps, 0)} req/s)`,
              target: "≥ 0.5",
              met: byKey.ratio >= 0.5,
            },
          ]
        : [
            { section: "forward auth", metric: "API key rows", value: `not measured: ${keyError}` },
          ]),
      { section: "forward auth", metric: "app behind nginx, no auth", value: line(proxied.b) },
      {
        section: "forward auth",
        metric: "app behind nginx auth_request (session cookie)",
        value: line(proxied.a),
      },
      {
        section: "forward auth",
        metric: "nginx with auth_request ÷ without",
        value: fmt(proxied.ratio, 2),
        target: "≥ 0.5",
        met: proxied.ratio >= 0.5,
      },
    ];
  } finally {
    await withAuth.stop();
    await plain.stop();
    await app.close();
    await server.stop();
    await dropScratch();
  }
}
