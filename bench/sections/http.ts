import { spawn } from "node:child_process";
import { join } from "node:path";
import { graphqlBody, JSON_HEADERS, load } from "../lib/load.js";
import { freePort, ROOT, spawnServer } from "../lib/server.js";
import { fmt, type Row } from "../lib/table.js";

const ME = graphqlBody("{ me { id } }");
const INFO = graphqlBody("{ serverInfo { version } }");
const PASSWORD = "bench-password-123";
/** Distinct sessions the `me` load cycles through. */
const SESSIONS = 64;

async function signIn(url: string, username: string, ip: string): Promise<string> {
  const r = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { ...JSON_HEADERS, "x-forwarded-for": ip },
    body: graphqlBody(
      "mutation($u: String!, $p: String!) { signIn(username: $u, password: $p) { token } }",
      { u: username, p: PASSWORD },
    ),
  });
  const body = (await r.json()) as { data?: { signIn: { token: string } }; errors?: unknown };
  if (!body.data) throw new Error(`sign-in failed: ${JSON.stringify(body.errors)}`);
  return body.data.signIn.token;
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
    const auth = { ...JSON_HEADERS, authorization: `Bearer ${tokens[0]}` };
    let turn = 0;
    const meLoad = () =>
      load({
        url: `${server.url}/graphql`,
        method: "POST",
        headers: auth,
        body: ME,
        setupHeaders: () => ({
          ...JSON_HEADERS,
          authorization: `Bearer ${tokens[turn++ % tokens.length]}`,
        }),
      });
    const infoLoad = (seconds?: number) =>
      load({
        url: `${server.url}/graphql`,
        method: "POST",
        headers: JSON_HEADERS,
        body: INFO,
        seconds,
        // The same per-request header hook as `me`, so the load generator does equal work.
        setupHeaders: () => ({ ...JSON_HEADERS, "x-bench": String(turn++) }),
      });
    // Warm-up: the JIT and the connection pool see both queries before anything is timed.
    await load({ url: `${server.url}/healthz`, seconds: 2 });
    await infoLoad(2);
    await meLoad();
    const health = await load({ url: `${server.url}/healthz` });
    const info = await infoLoad();
    let rssLoaded = 0;
    const sampler = setInterval(() => {
      rssLoaded = Math.max(rssLoaded, server.rssMiB());
    }, 250);
    const me = await meLoad();
    clearInterval(sampler);
    if (me.non2xx > 0 || me.errors > 0)
      throw new Error(`me answered ${me.non2xx} non-2xx, ${me.errors} errors`);

    // Sign-ins alone, then `me` while sign-ins run beside it.
    let n = 0;
    const signInLoad = (seconds: number) =>
      load({
        url: `${server.url}/graphql`,
        method: "POST",
        headers: JSON_HEADERS,
        body: graphqlBody(
          "mutation($u: String!, $p: String!) { signIn(username: $u, password: $p) { token } }",
          { u: "bench", p: PASSWORD },
        ),
        seconds,
        connections: 8,
        setupHeaders: () => ({
          ...JSON_HEADERS,
          "x-forwarded-for": `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n++ & 255}`,
        }),
      });
    const signIns = await signInLoad(8);
    const [meDuring] = await Promise.all([meLoad(), signInLoad(8)]);
    const ratio = me.rps / info.rps;
    const during = meDuring.rps / me.rps;
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
        value: `${fmt(ratio, 2)}`,
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
        value: `${fmt(during, 2)} (${fmt(meDuring.rps, 0)} req/s)`,
        target: "≥ 0.7",
        met: during >= 0.7,
      },
      { section: "memory", metric: "RSS under the `me` load", value: `${fmt(rssLoaded, 0)} MiB` },
      ...(await peer(me.rps)),
    ];
  } finally {
    await server.stop();
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
    const theirs = await load({ url: `${base}/api/auth/get-session`, headers: { cookie } });
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

async function scratch(): Promise<string> {
  const { createScratchDatabase } = await import("../../apps/api/test/helpers/database.js");
  return (await createScratchDatabase()).url;
}
