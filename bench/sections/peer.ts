import { spawn } from "node:child_process";
import { join } from "node:path";
import { JSON_HEADERS, load } from "../lib/load.js";
import { scratch } from "../lib/scratch.js";
import { freePort, ROOT } from "../lib/server.js";
import { fmt, type Row } from "../lib/table.js";

const PASSWORD = "bench-peer-Password-4821";

/**
 * Better Auth's session check against our `me`, same machine, same kind of database, set up
 * as its documentation recommends for production. Two rows: the cookie cache off (every
 * check reads the session table, so a revocation is seen at once, as with ours) and on (its
 * fastest: a signed cookie answers for up to five minutes, revocations included).
 */
export async function benchPeer(ourRps: number): Promise<Row[]> {
  const rows: Row[] = [];
  for (const cache of [false, true]) {
    const rps = await peerRun(cache, rows);
    rows.push({
      section: "peer",
      metric: `our me / Better Auth get-session, cookie cache ${cache ? "on" : "off"}`,
      value: fmt(ourRps / rps, 2),
      target: cache ? undefined : "> 1",
      met: cache ? undefined : ourRps > rps,
    });
  }
  return rows;
}

async function peerRun(cookieCache: boolean, rows: Row[]): Promise<number> {
  const port = await freePort();
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "",
    PORT: String(port),
    NODE_ENV: "production",
    BENCH_COOKIE_CACHE: cookieCache ? "on" : "off",
  };
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
    if (cookieCache && !cookie.includes("session_data"))
      throw new Error("better-auth sign-up set no cookie cache although it is on");
    const check = await fetch(`${base}/api/auth/get-session`, { headers: { cookie } });
    const session = (await check.json()) as { user?: { id: string } } | null;
    if (!session?.user?.id) throw new Error("better-auth get-session returned no user");
    await load({ url: `${base}/api/auth/get-session`, headers: { cookie }, seconds: 2 });
    const theirs = await load({
      url: `${base}/api/auth/get-session`,
      headers: { cookie },
      check: (b) => b.includes(`"id":"${session.user?.id}"`),
    });
    if (theirs.non2xx > 0 || theirs.refused > 0)
      throw new Error(`better-auth: ${theirs.non2xx} non-2xx, ${theirs.refused} without the user`);
    rows.push({
      section: "peer",
      metric: `Better Auth GET /api/auth/get-session, cookie cache ${cookieCache ? "on" : "off"}`,
      value: `${fmt(theirs.rps, 0)} req/s, p50 ${theirs.p50} ms, p99 ${theirs.p99} ms`,
    });
    return theirs.rps;
  } finally {
    child.kill("SIGTERM");
  }
}
