import { createHash, randomBytes } from "node:crypto";
import { createLocalJWKSet, type JSONWebKeySet, jwtVerify } from "jose";
import { graphqlBody, JSON_HEADERS, type LoadResult, load } from "../lib/load.js";
import { dropScratch, scratch } from "../lib/scratch.js";
import { spawnServer } from "../lib/server.js";
import { fmt, type Row } from "../lib/table.js";

// Issue 15: the OpenID Connect provider's hot paths against /healthz in the same run.
// Authorization-code round trips and refreshes are chains (each step needs the previous
// answer), so they run as WORKERS concurrent fetch loops; /healthz runs through the same
// loop for the ratio, so the load generator's own cost is alike on both sides.

const PASSWORD = "Gh-bench-9f3kq-Lm7x";
const REDIRECT = "http://127.0.0.1:7998/callback";
const WORKERS = 16;
const ROUNDS = 3;
const WINDOW_S = 4;
const SECTION = "oidc";

let ipCounter = 0;
/** A fresh client address per token request: the per-address token rate limit is not measured here. */
function nextIp(): string {
  const n = ++ipCounter;
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
}

async function gql<T>(url: string, query: string, vars: object, token?: string): Promise<T> {
  const r = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { ...JSON_HEADERS, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: graphqlBody(query, vars as Record<string, unknown>),
  });
  const body = (await r.json()) as { data?: T; errors?: unknown };
  if (!body.data) throw new Error(`GraphQL failed: ${JSON.stringify(body.errors).slice(0, 200)}`);
  return body.data;
}

interface Client {
  clientId: string;
  basic: string;
}

async function createClient(url: string, token: string, input: object): Promise<Client> {
  const d = await gql<{ createOidcClient: { secret: string; client: { clientId: string } } }>(
    url,
    `mutation($i: OidcClientInput!) { createOidcClient(input: $i) { secret client { clientId } } }`,
    { i: { redirectUris: [REDIRECT], firstParty: true, ...input } },
    token,
  );
  const { secret, client } = d.createOidcClient;
  return {
    clientId: client.clientId,
    basic: `Basic ${Buffer.from(`${client.clientId}:${secret}`).toString("base64")}`,
  };
}

/** One browser: the Gatehouse session cookie plus the provider's cookies, no redirects followed blindly. */
class Browser {
  private readonly jar = new Map<string, string>();
  readonly verifier = randomBytes(32).toString("base64url");
  readonly challenge = createHash("sha256").update(this.verifier).digest("base64url");

  constructor(
    private readonly origin: string,
    session: string,
  ) {
    this.jar.set("gatehouse_session", session);
  }

  /** Follows redirects on Gatehouse until one leaves for the redirect URI: the code. */
  async authorize(client: Client, scope: string, prompt?: string): Promise<string> {
    const q = new URLSearchParams({
      client_id: client.clientId,
      redirect_uri: REDIRECT,
      response_type: "code",
      scope,
      code_challenge: this.challenge,
      code_challenge_method: "S256",
      ...(prompt ? { prompt } : {}),
    });
    let url = `${this.origin}/oidc/auth?${q}`;
    for (let i = 0; i < 10; i++) {
      const res = await fetch(url, {
        redirect: "manual",
        headers: { cookie: [...this.jar].map(([k, v]) => `${k}=${v}`).join("; ") },
      });
      for (const c of res.headers.getSetCookie()) {
        const [pair] = c.split(";");
        const eq = pair!.indexOf("=");
        this.jar.set(pair!.slice(0, eq), pair!.slice(eq + 1));
      }
      await res.arrayBuffer();
      const location = res.headers.get("location");
      if (!location) throw new Error(`authorization stopped with ${res.status}`);
      const next = new URL(location, url);
      if (next.href.startsWith(REDIRECT)) {
        const code = next.searchParams.get("code");
        if (!code) throw new Error(`no code: ${next.search}`);
        return code;
      }
      url = next.href;
    }
    throw new Error("too many redirects");
  }
}

interface Tokens {
  access_token: string;
  refresh_token?: string;
}

async function token(
  origin: string,
  client: Client,
  body: Record<string, string>,
): Promise<Tokens> {
  const res = await fetch(`${origin}/oidc/token`, {
    method: "POST",
    headers: {
      authorization: client.basic,
      "content-type": "application/x-www-form-urlencoded",
      "x-forwarded-for": nextIp(),
    },
    body: new URLSearchParams(body),
  });
  const json = (await res.json()) as Tokens & { error?: string };
  if (!res.ok) throw new Error(`token endpoint: ${res.status} ${json.error}`);
  return json;
}

/** WORKERS concurrent chains of `step` for `seconds`; completed steps per second. */
async function drive(seconds: number, step: (worker: number) => Promise<void>): Promise<number> {
  const until = performance.now() + seconds * 1000;
  let done = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: WORKERS }, async (_, w) => {
      while (performance.now() < until) {
        await step(w);
        done++;
      }
    }),
  );
  return done / ((performance.now() - t0) / 1000);
}

/** Alternating windows of both sides; the sums compared, so drift hits both alike. */
async function ratio(
  a: (s: number) => Promise<number>,
  b: (s: number) => Promise<number>,
): Promise<{ a: number; b: number; ratio: number }> {
  let sa = 0;
  let sb = 0;
  for (let i = 0; i < ROUNDS; i++) {
    sa += await a(WINDOW_S);
    sb += await b(WINDOW_S);
  }
  return { a: sa / ROUNDS, b: sb / ROUNDS, ratio: sa / sb };
}

function line(r: LoadResult): string {
  if (r.non2xx > 0 || r.errors > 0 || r.refused > 0)
    throw new Error(`${r.non2xx} non-2xx, ${r.errors} errors, ${r.refused} refused`);
  return `${fmt(r.rps, 0)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms`;
}

export async function benchOidc(): Promise<Row[]> {
  const env: Record<string, string> = {
    GATEHOUSE_AUTO_LOGIN: "false",
    GATEHOUSE_SUPERUSER: "bench",
    GATEHOUSE_SUPERUSER_PASSWORD: PASSWORD,
    GATEHOUSE_TRUST_PROXY: "127.0.0.1",
  };
  if (process.env.DATABASE_URL) env.DATABASE_URL = await scratch();
  const server = await spawnServer(env);
  const origin = server.url;
  try {
    const sessions: string[] = [];
    for (let i = 0; i < WORKERS; i++) {
      const d = await gql<{ signIn: { token: string } }>(
        origin,
        "mutation($u: String!, $p: String!) { signIn(username: $u, password: $p) { token } }",
        { u: "bench", p: PASSWORD },
      );
      sessions.push(d.signIn.token);
    }
    const admin = sessions[0]!;
    const web = await createClient(origin, admin, {
      name: "Bench web",
      grantTypes: ["authorization_code", "refresh_token"],
    });
    const api = await createClient(origin, admin, { name: "Bench API", accessTokenFormat: "jwt" });

    // Each worker's browser signs in to the app once (consent, offline_access): after that
    // the provider session and the grant make /oidc/auth answer with a code at once.
    const browsers = sessions.map((s) => new Browser(origin, s));
    const refresh: string[] = [];
    const access: string[] = [];
    for (const b of browsers) {
      const code = await b.authorize(web, "openid profile offline_access", "consent");
      const t = await token(origin, web, {
        grant_type: "authorization_code",
        code,
        redirect_uri: REDIRECT,
        code_verifier: b.verifier,
      });
      refresh.push(t.refresh_token!);
      access.push(t.access_token);
    }

    const roundTrip = (s: number) =>
      drive(s, async (w) => {
        const b = browsers[w]!;
        const code = await b.authorize(web, "openid profile");
        await token(origin, web, {
          grant_type: "authorization_code",
          code,
          redirect_uri: REDIRECT,
          code_verifier: b.verifier,
        });
      });
    const refreshLoop = (s: number) =>
      drive(s, async (w) => {
        const t = await token(origin, web, {
          grant_type: "refresh_token",
          refresh_token: refresh[w]!,
        });
        refresh[w] = t.refresh_token!;
      });
    const healthLoop = (s: number) =>
      drive(s, async () => {
        const res = await fetch(`${origin}/healthz`);
        await res.arrayBuffer();
        if (!res.ok) throw new Error(`healthz ${res.status}`);
      });

    // Warm-up: JIT, pools, the provider's lazy start.
    await roundTrip(2);
    await refreshLoop(2);
    await healthLoop(2);
    const codes = await ratio(roundTrip, healthLoop);
    const refreshes = await ratio(refreshLoop, healthLoop);

    let turn = 0;
    const userinfo = await load({
      url: `${origin}/oidc/me`,
      seconds: WINDOW_S * 2,
      setupHeaders: () => ({ authorization: `Bearer ${access[turn++ % access.length]}` }),
      check: (b) => b.includes('"sub"'),
    });
    const verify = await load({
      url: `${origin}/auth/verify`,
      seconds: WINDOW_S * 2,
      setupHeaders: () => ({ cookie: `gatehouse_session=${sessions[turn++ % sessions.length]}` }),
      check: (b) => b === "OK\n",
    });

    // A resource server verifying a JWT access token itself, with the JWKS fetched once.
    const jwtCode = await browsers[0]!.authorize(api, "openid");
    const jwt = (
      await token(origin, api, {
        grant_type: "authorization_code",
        code: jwtCode,
        redirect_uri: REDIRECT,
        code_verifier: browsers[0]!.verifier,
      })
    ).access_token;
    const jwks = createLocalJWKSet(
      (await (await fetch(`${origin}/oidc/jwks`)).json()) as JSONWebKeySet,
    );
    const check = () =>
      jwtVerify(jwt, jwks, { issuer: origin, audience: api.clientId, typ: "at+jwt" });
    for (let i = 0; i < 500; i++) await check();
    let verified = 0;
    const t0 = performance.now();
    while (performance.now() - t0 < 2000) {
      await check();
      verified++;
    }
    const localPerS = verified / ((performance.now() - t0) / 1000);

    return [
      {
        section: SECTION,
        metric: `GET /healthz, ${WORKERS} fetch loops (same run)`,
        value: `${fmt(codes.b, 0)} req/s (beside refresh: ${fmt(refreshes.b, 0)})`,
      },
      {
        section: SECTION,
        metric: "authorization-code round trips (GET /oidc/auth with a session → POST /oidc/token)",
        value: `${fmt(codes.a, 0)} /s (${fmt(codes.ratio, 2)} × healthz)`,
      },
      {
        section: SECTION,
        metric: "refresh-token grants (POST /oidc/token, rotating) ÷ /healthz",
        value: `${fmt(refreshes.a, 0)} /s, ${fmt(refreshes.ratio, 2)} × healthz`,
        target: "≥ 0.2",
        met: refreshes.ratio >= 0.2,
      },
      {
        section: SECTION,
        metric: "GET /oidc/me (userinfo, opaque token), 16 connections",
        value: line(userinfo),
      },
      {
        section: SECTION,
        metric: "JWT access token verified locally (jose, cached JWKS), one core",
        value: `${fmt(localPerS, 0)} /s (${fmt(1000 / localPerS, 3)} ms each)`,
      },
      {
        section: SECTION,
        metric: "GET /auth/verify round trip (session cookie), 16 connections",
        value: line(verify),
      },
    ];
  } finally {
    await server.stop();
    await dropScratch();
  }
}
