import { graphqlBody, JSON_HEADERS, load } from "../lib/load.js";
import { dropScratch, scratch } from "../lib/scratch.js";
import { spawnServer } from "../lib/server.js";
import { fmt, type Row } from "../lib/table.js";
import { benchPeer } from "./peer.js";
import { average, measureRun, type RunResult } from "./ratio-runs.js";

const ME = graphqlBody("{ me { id } }");
const INFO = graphqlBody("{ serverInfo { version } }");
const PASSWORD = "Gh-bench-9f3kq-Lm7x";
/** Distinct sessions the `me` load cycles through. */
const SESSIONS = 64;

const SIGN_IN =
  "mutation($u: String!, $p: String!) { signIn(username: $u, password: $p) { token } }";
/** Consecutive runs a ratio target must hold in (issue 11: five). */
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
/** Accounts the sign-in load takes turns with. */
const SIGN_IN_USERS = 16;

async function signIn(url: string, username: string, ip: string): Promise<string> {
  const r = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { ...JSON_HEADERS, "x-forwarded-for": ip },
    body: graphqlBody(SIGN_IN, { u: username, p: PASSWORD }),
  });
  const body = (await r.json()) as { data?: { signIn: { token: string } }; errors?: unknown };
  if (!body.data) throw new Error(`sign-in failed: ${JSON.stringify(body.errors)}`);
  return body.data.signIn.token;
}

async function createUser(url: string, token: string, username: string): Promise<void> {
  const r = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { ...JSON_HEADERS, authorization: `Bearer ${token}` },
    body: graphqlBody("mutation($i: CreateUserInput!) { createUser(input: $i) { id } }", {
      i: { username, password: PASSWORD, isActive: true },
    }),
  });
  const body = (await r.json()) as { data?: unknown; errors?: unknown };
  if (!body.data) throw new Error(`createUser failed: ${JSON.stringify(body.errors)}`);
}

/** Items 1 and 3 of the benchmark issue: the cost of an authenticated request, and sign-in under load. */
export async function benchHttp(): Promise<Row[]> {
  const env: Record<string, string> = {
    GATEHOUSE_AUTO_LOGIN: "false",
    GATEHOUSE_SUPERUSER: "bench",
    GATEHOUSE_SUPERUSER_PASSWORD: PASSWORD,
    // Sign-in load arrives from many (simulated) addresses, as it would behind a proxy.
    GATEHOUSE_TRUST_PROXY: "true",
  };
  if (process.env.DATABASE_URL) env.DATABASE_URL = await scratch();
  const server = await spawnServer(env);
  try {
    // Many clients, each with its own session, as a real deployment sees them: one token
    // repeated would flatter any per-token shortcut.
    const tokens: string[] = [];
    for (let i = 0; i < SESSIONS; i++)
      tokens.push(await signIn(server.url, "bench", `10.9.0.${i}`));
    // Sign-ins spread over several accounts, so no account's guess limit is what is measured.
    const signInUsers = Array.from({ length: SIGN_IN_USERS }, (_, i) => `bench-signin-${i}`);
    for (const u of signInUsers) await createUser(server.url, tokens[0]!, u);
    let turn = 0;
    // Every GraphQL load checks its bodies: an error is still HTTP 200.
    const meLoad = (seconds?: number) =>
      load({
        url: `${server.url}/graphql`,
        method: "POST",
        body: ME,
        seconds,
        setupHeaders: () => ({
          ...JSON_HEADERS,
          authorization: `Bearer ${tokens[turn++ % tokens.length]}`,
        }),
        check: (b) => b.startsWith('{"data":{"me":{"id":'),
      });
    const infoLoad = (seconds?: number) =>
      load({
        url: `${server.url}/graphql`,
        method: "POST",
        body: INFO,
        seconds,
        // The same per-request hooks as `me`, so the load generator does equal work.
        setupHeaders: () => ({ ...JSON_HEADERS, "x-bench": String(turn++) }),
        check: (b) => b.startsWith('{"data":{"serverInfo":{"version":'),
      });
    let n = 0;
    const signInLoad = (seconds: number) =>
      load({
        url: `${server.url}/graphql`,
        method: "POST",
        seconds,
        connections: 8,
        // From many (simulated) addresses, as sign-ins arrive behind a proxy.
        setupHeaders: () => ({
          ...JSON_HEADERS,
          "x-forwarded-for": `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`,
        }),
        setupBody: () => graphqlBody(SIGN_IN, { u: signInUsers[n++ % SIGN_IN_USERS], p: PASSWORD }),
        check: (b) => b.includes('"token":"'),
      });
    // Warm-up: the JIT and the connection pool see every query before anything is timed.
    await load({ url: `${server.url}/healthz`, seconds: 2 });
    await infoLoad(2);
    await meLoad(4);
    await signInLoad(2);
    const health = await load({ url: `${server.url}/healthz` });
    const signIns = await signInLoad(8);
    // A target counts as met only when it holds in every one of RUNS consecutive runs; each
    // run has its own warm-up and alternating windows, and every run's ratio is published.
    const runs: RunResult[] = [];
    for (let run = 0; run < RUNS; run++) {
      await meLoad(2);
      runs.push(await measureRun(infoLoad, meLoad, signInLoad, () => server.rssMiB()));
      const last = runs[runs.length - 1]!;
      console.log(
        `  run ${run + 1}/${RUNS}: me/serverInfo ${fmt(last.meRatio, 2)}, me during sign-ins ${fmt(last.duringRatio, 2)}`,
      );
    }
    const rssLoaded = Math.max(...runs.map((r) => r.rssMiB));
    if (signIns.non2xx > 0 || signIns.errors > 0 || signIns.refused > 0)
      throw new Error(`sign-ins: ${signIns.non2xx} non-2xx, ${signIns.errors} errors`);
    const info = average(runs.flatMap((r) => r.infos));
    const me = average(runs.flatMap((r) => r.mes));
    const meDuring = average(runs.flatMap((r) => r.busy));
    const signInsDuring = average(runs.flatMap((r) => r.signInsBusy));
    const meRatios = runs.map((r) => r.meRatio);
    const duringRatios = runs.map((r) => r.duringRatio);
    const list = (xs: number[]) => xs.map((x) => fmt(x, 2)).join(", ");
    return [
      {
        section: "requests",
        metric: "GET /healthz (HTTP ceiling)",
        value: `${fmt(health.rps, 0)} req/s, p50 ${health.p50} ms, p99 ${health.p99} ms`,
      },
      {
        section: "requests",
        metric: "{ serverInfo { version } } (GraphQL ceiling)",
        value: `${fmt(info.rps, 0)} req/s, p50 ${info.p50} ms, p99 ${info.p99} ms`,
      },
      {
        section: "requests",
        metric: "{ me { id } } with a Bearer session",
        value: `${fmt(me.rps, 0)} req/s, p50 ${me.p50} ms, p99 ${me.p99} ms`,
      },
      {
        section: "requests",
        metric: `me / serverInfo, ${RUNS} consecutive runs`,
        value: `lowest ${fmt(Math.min(...meRatios), 2)} (runs: ${list(meRatios)})`,
        target: "≥ 0.85 in every run",
        met: meRatios.every((r) => r >= 0.85),
      },
      {
        section: "requests",
        metric: "serverInfo / healthz",
        value: `${fmt(info.rps / health.rps, 2)}`,
      },
      {
        section: "sign-in",
        metric: "password sign-ins (argon2id m=19 MiB, t=2)",
        value: `${fmt(signIns.rps, 1)} /s, p50 ${signIns.p50} ms (${signIns.non2xx} non-2xx)`,
      },
      {
        section: "sign-in",
        metric: `me while sign-ins run / me idle, ${RUNS} consecutive runs`,
        value: `lowest ${fmt(Math.min(...duringRatios), 2)} (runs: ${list(duringRatios)}; me ${fmt(meDuring.rps, 0)} req/s; sign-ins meanwhile ${fmt(signInsDuring.rps, 1)} /s, p50 ${signInsDuring.p50} ms)`,
        target: "≥ 0.7 in every run",
        met: duringRatios.every((r) => r >= 0.7),
      },
      { section: "memory", metric: "RSS under the `me` load", value: `${fmt(rssLoaded, 0)} MiB` },
      ...(await benchPeer(me.rps)),
    ];
  } finally {
    await server.stop();
    await dropScratch();
  }
}
