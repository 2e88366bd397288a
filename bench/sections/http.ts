import { spawn } from "node:child_process";
import { join } from "node:path";
import { graphqlBody, JSON_HEADERS, type LoadResult, load } from "../lib/load.js";
import { freePort, ROOT, spawnServer } from "../lib/server.js";
import { fmt, type Row } from "../lib/table.js";

const ME = graphqlBody("{ me { id } }");
const INFO = graphqlBody("{ serverInfo { version } }");
const PASSWORD = "bench-password-123";
/** Distinct sessions the `me` load cycles through. */
const SESSIONS = 64;

const SIGN_IN =
  "mutation($u: String!, $p: String!) { signIn(username: $u, password: $p) { token } }";
/** Alternating quiet and busy windows for the sign-in ratio. */
const ROUNDS = 3;
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
    // Warm-up: the JIT and the connection pool see both queries before anything is timed.
    await load({ url: `${server.url}/healthz`, seconds: 2 });
    await infoLoad(2);
    await meLoad();
    const health = await load({ url: `${server.url}/healthz` });
    // This machine's throughput drifts by ±20% over tens of seconds, so the two sides of each
    // ratio are measured in alternating windows and compared by their totals.
    const infos: LoadResult[] = [];
    const mes: LoadResult[] = [];
    let rssLoaded = 0;
    for (let round = 0; round < ROUNDS; round++) {
      infos.push(await infoLoad(4));
      const sampler = setInterval(() => {
        rssLoaded = Math.max(rssLoaded, server.rssMiB());
      }, 250);
      mes.push(await meLoad(4));
      clearInterval(sampler);
    }
    const info = average(infos);
    const me = average(mes);
    const mePerRound = mes.map((m, i) => fmt(m.rps / infos[i]!.rps, 2)).join(", ");
    // Sign-ins alone, then `me` alone and `me` beside sign-ins, alternating.
    const signIns = await signInLoad(8);
    const quiet: LoadResult[] = [];
    const busy: LoadResult[] = [];
    const signInsBusy: LoadResult[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      quiet.push(await meLoad(4));
      const [m, s] = await Promise.all([meLoad(4), signInLoad(4)]);
      busy.push(m);
      signInsBusy.push(s);
    }
    const total = (rs: LoadResult[], f: (r: LoadResult) => number) =>
      rs.reduce((sum, r) => sum + f(r), 0);
    const meDuring = { rps: total(busy, (r) => r.rps) / ROUNDS };
    const signInsDuring = {
      rps: total(signInsBusy, (r) => r.rps) / ROUNDS,
      p50: signInsBusy.map((r) => r.p50).sort((a, b) => a - b)[ROUNDS >> 1],
    };
    const during = total(busy, (r) => r.rps) / total(quiet, (r) => r.rps);
    const perRound = busy.map((b, i) => fmt(b.rps / quiet[i]!.rps, 2)).join(", ");
    const checked: Array<[string, LoadResult]> = [
      ...infos.map((r, i): [string, LoadResult] => [`serverInfo ${i}`, r]),
      ...mes.map((r, i): [string, LoadResult] => [`me ${i}`, r]),
      ["sign-ins", signIns],
      ...quiet.map((r, i): [string, LoadResult] => [`me quiet ${i}`, r]),
      ...busy.map((r, i): [string, LoadResult] => [`me busy ${i}`, r]),
      ...signInsBusy.map((r, i): [string, LoadResult] => [`sign-ins busy ${i}`, r]),
    ];
    for (const [name, r] of checked) {
      if (r.non2xx > 0 || r.errors > 0 || r.refused > 0)
        throw new Error(`${name}: ${r.non2xx} non-2xx, ${r.errors} errors, ${r.refused} refused`);
    }
    const ratio = me.rps / info.rps;
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
        metric: "me / serverInfo",
        value: `${fmt(ratio, 2)} (${ROUNDS} rounds: ${mePerRound})`,
        target: "≥ 0.85",
        met: ratio >= 0.85,
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
        metric: "me while sign-ins run / me idle",
        value: `${fmt(during, 2)} (${ROUNDS} rounds: ${perRound}; ${fmt(meDuring.rps, 0)} req/s; sign-ins meanwhile ${fmt(signInsDuring.rps, 1)} /s, p50 ${signInsDuring.p50} ms)`,
        target: "≥ 0.7",
        met: during >= 0.7,
      },
      { section: "memory", metric: "RSS under the `me` load", value: `${fmt(rssLoaded, 0)} MiB` },
      ...(await peer(me.rps)),
    ];
  } finally {
    await server.stop();
    for (const drop of drops.splice(0)) await drop().catch(() => {});
  }
}

/** Item 2: Better Auth's session check against our `me`, same machine, same kind of database. */
async function peer(ourRps: number): Promise<Row[]> {
  const port = await freePort();
  const env: Record<string, string> = { PATH: process.env.PATH ?? "", PORT: String(port) };
  if (process.env.DATABASE_URL) env.DATABASE_URL = await scratch();
  const child = spawn(
    process.execPath,
    ["--import", "tsx", join(ROOT, "bench/peer/better-auth-server.ts")],
    { cwd: join(ROOT, "bench"), env, stdio: ["ignore", "pipe", "inherit"] },
  );
  try {
    await new Promise<void>((resolve, reject) => {
      child.stdout.on("data", (d) => String(d).includes("ready") && resolve());
      child.once("exit", (c) => reject(new Error(`better-auth server exited ${c}`)));
    });
    const base = `http://127.0.0.1:${port}`;
    const signUp = await fetch(`${base}/api/auth/sign-up/email`, {
      method: "POST",
      headers: { ...JSON_HEADERS, origin: base },
      body: JSON.stringify({ email: "bench@example.com", password: PASSWORD, name: "bench" }),
    });
    const cookie = signUp.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    if (!cookie.includes("session_token"))
      throw new Error(`better-auth sign-up gave no session (${signUp.status})`);
    const check = await fetch(`${base}/api/auth/get-session`, { headers: { cookie } });
    const session = (await check.json()) as { user?: { id: string } } | null;
    if (!session?.user?.id) throw new Error("better-auth get-session returned no user");
    const theirs = await load({
      url: `${base}/api/auth/get-session`,
      headers: { cookie },
      check: (b) => b.includes(`"id":"${session.user?.id}"`),
    });
    if (theirs.non2xx > 0 || theirs.refused > 0)
      throw new Error(`better-auth: ${theirs.non2xx} non-2xx, ${theirs.refused} without the user`);
    return [
      {
        section: "peer",
        metric: "Better Auth GET /api/auth/get-session (cookie)",
        value: `${fmt(theirs.rps, 0)} req/s, p50 ${theirs.p50} ms, p99 ${theirs.p99} ms`,
      },
      {
        section: "peer",
        metric: "our me / Better Auth get-session",
        value: `${fmt(ourRps / theirs.rps, 2)}`,
        target: "> 1",
        met: ourRps > theirs.rps,
      },
    ];
  } finally {
    child.kill("SIGTERM");
  }
}

/** Mean throughput and median latencies of several windows of the same load. */
function average(rs: LoadResult[]): LoadResult {
  const median = (f: (r: LoadResult) => number) => rs.map(f).sort((a, b) => a - b)[rs.length >> 1]!;
  return {
    rps: rs.reduce((sum, r) => sum + r.rps, 0) / rs.length,
    p50: median((r) => r.p50),
    p99: median((r) => r.p99),
    errors: rs.reduce((sum, r) => sum + r.errors, 0),
    non2xx: rs.reduce((sum, r) => sum + r.non2xx, 0),
    refused: rs.reduce((sum, r) => sum + r.refused, 0),
  };
}

/** Scratch databases made by this section, dropped when it ends. */
const drops: Array<() => Promise<void>> = [];

async function scratch(): Promise<string> {
  const { createScratchDatabase } = await import("../../apps/api/test/helpers/database.js");
  const db = await createScratchDatabase();
  drops.push(db.drop);
  return db.url;
}
