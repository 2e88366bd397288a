import {
  createHash,
  createSign,
  generateKeyPairSync,
  type KeyObject,
  randomBytes,
} from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface IdTokenClaims {
  sub?: string;
  email?: string;
  email_verified?: boolean | string;
  aud?: string;
  iss?: string;
  iat?: number;
  exp?: number;
  nonce?: string;
  name?: string;
  /** The Workspace domain managing the account; Google omits it for consumer accounts. */
  hd?: string;
  /** Unique per token, as Google's are (a fresh random one unless given). */
  jti?: string;
}

export interface FakeGoogle {
  clientId: string;
  clientSecret: string;
  /** GOOGLE_OAUTH_CERTS_URL / GOOGLE_OAUTH_AUTH_URL / GOOGLE_OAUTH_TOKEN_URL */
  certsUrl: string;
  authUrl: string;
  tokenUrl: string;
  env(): Record<string, string>;
  /** An RS256 ID token signed with the key the certs endpoint publishes. */
  idToken(claims?: IdTokenClaims): string;
  /** Same shape, signed with a key Google never published. */
  idTokenSignedByStranger(claims?: IdTokenClaims): string;
  /** Who "signs in" at the fake consent screen next. */
  nextUser: IdTokenClaims;
  /** Every /authorize request's parameters, in order. */
  authorizeRequests: URLSearchParams[];
  tokenRequests: number;
  close(): Promise<void>;
}

function b64url(data: string | Buffer): string {
  return Buffer.from(data).toString("base64url");
}

function sign(key: KeyObject, kid: string, claims: Record<string, unknown>): string {
  const head = b64url(JSON.stringify({ alg: "RS256", kid, typ: "JWT" }));
  const body = b64url(JSON.stringify(claims));
  const signer = createSign("RSA-SHA256");
  signer.update(`${head}.${body}`);
  return `${head}.${body}.${signer.sign(key).toString("base64url")}`;
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

/**
 * Google's certificate, consent and token endpoints on loopback. The key is generated
 * here, so tokens are verified by the real google-auth-library code path.
 */
export async function startFakeGoogle(
  clientId = "test-client.apps.googleusercontent.com",
): Promise<FakeGoogle> {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const stranger = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
  const kid = randomBytes(8).toString("hex");
  const pem = publicKey.export({ type: "spki", format: "pem" }).toString();
  const clientSecret = "fake-google-secret";
  const codes = new Map<
    string,
    { claims: IdTokenClaims; challenge: string; redirectUri: string }
  >();

  const claimsFor = (c: IdTokenClaims = {}): Record<string, unknown> => {
    const now = Math.floor(Date.now() / 1000);
    return {
      iss: "https://accounts.google.com",
      aud: clientId,
      sub: "100000000000000000001",
      email: "person@example.com",
      email_verified: true,
      iat: now,
      exp: now + 3600,
      jti: randomBytes(16).toString("hex"),
      ...c,
    };
  };

  const fake: FakeGoogle = {
    clientId,
    clientSecret,
    certsUrl: "",
    authUrl: "",
    tokenUrl: "",
    env() {
      return {
        GOOGLE_CLIENT_ID: clientId,
        GOOGLE_CLIENT_SECRET: clientSecret,
        GOOGLE_OAUTH_CERTS_URL: fake.certsUrl,
        GOOGLE_OAUTH_AUTH_URL: fake.authUrl,
        GOOGLE_OAUTH_TOKEN_URL: fake.tokenUrl,
      };
    },
    idToken: (c) => sign(privateKey, kid, claimsFor(c)),
    idTokenSignedByStranger: (c) => sign(stranger, kid, claimsFor(c)),
    nextUser: {},
    authorizeRequests: [],
    tokenRequests: 0,
    close: async () => {},
  };

  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://fake");
    if (req.method === "GET" && url.pathname === "/certs") {
      res.writeHead(200, {
        "content-type": "application/json",
        "cache-control": "public, max-age=60",
      });
      return res.end(JSON.stringify({ [kid]: pem }));
    }
    if (req.method === "GET" && url.pathname === "/authorize") {
      // Consent is instant: the browser goes straight back with a code for nextUser.
      fake.authorizeRequests.push(url.searchParams);
      const p = url.searchParams;
      if (p.get("client_id") !== clientId || p.get("code_challenge_method") !== "S256")
        return json(res, 400, { error: "invalid_request" });
      const code = randomBytes(16).toString("hex");
      codes.set(code, {
        claims: { ...fake.nextUser, nonce: p.get("nonce") ?? undefined },
        challenge: p.get("code_challenge") ?? "",
        redirectUri: p.get("redirect_uri") ?? "",
      });
      const back = new URL(p.get("redirect_uri") ?? "");
      back.searchParams.set("code", code);
      back.searchParams.set("state", p.get("state") ?? "");
      res.writeHead(302, { location: back.toString() });
      return res.end();
    }
    if (req.method === "POST" && url.pathname === "/token") {
      fake.tokenRequests++;
      const form = await readForm(req);
      const basic = req.headers.authorization?.startsWith("Basic ")
        ? Buffer.from(req.headers.authorization.slice(6), "base64").toString().split(":")
        : null;
      const id = form.get("client_id") ?? basic?.[0];
      const secret = form.get("client_secret") ?? basic?.[1];
      if (id !== clientId || secret !== clientSecret)
        return json(res, 401, { error: "invalid_client" });
      const grant = codes.get(form.get("code") ?? "");
      codes.delete(form.get("code") ?? "");
      if (!grant || form.get("grant_type") !== "authorization_code")
        return json(res, 400, { error: "invalid_grant" });
      if (form.get("redirect_uri") !== grant.redirectUri)
        return json(res, 400, { error: "redirect_uri_mismatch" });
      const verifier = form.get("code_verifier") ?? "";
      if (createHash("sha256").update(verifier).digest("base64url") !== grant.challenge)
        return json(res, 400, { error: "invalid_grant", error_description: "PKCE check failed" });
      return json(res, 200, {
        access_token: randomBytes(16).toString("hex"),
        token_type: "Bearer",
        expires_in: 3599,
        scope: "openid email profile",
        id_token: fake.idToken(grant.claims),
      });
    }
    json(res, 404, { error: "not_found" });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.certsUrl = `${base}/certs`;
  fake.authUrl = `${base}/authorize`;
  fake.tokenUrl = `${base}/token`;
  fake.close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return fake;
}
