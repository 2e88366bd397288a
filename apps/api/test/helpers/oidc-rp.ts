import * as client from "openid-client";
import { expect } from "vitest";
import { ADMIN, signIn } from "../accounts/accounts-helpers.js";
import type { TestServer } from "./test-server.js";

export const REDIRECT = "http://127.0.0.1:7998/callback";
export const POST_LOGOUT = "http://127.0.0.1:7998/signed-out";

export const CREATE_CLIENT = `mutation($input: OidcClientInput!) {
  createOidcClient(input: $input) { secret client { id clientId name isPublic grantTypes } }
}`;

export interface MadeClient {
  id: string;
  clientId: string;
  secret: string | null;
}

export async function adminToken(server: TestServer): Promise<string> {
  return (await signIn(server, ADMIN.username, ADMIN.password)).token;
}

export async function createClient(
  server: TestServer,
  token: string,
  input: Record<string, unknown>,
): Promise<MadeClient> {
  const r = await server.gql<{
    createOidcClient: { secret: string | null; client: { id: string; clientId: string } };
  }>(CREATE_CLIENT, { input }, { token });
  expect(r.errors).toBeUndefined();
  const made = r.data!.createOidcClient;
  return { id: made.client.id, clientId: made.client.clientId, secret: made.secret };
}

/** openid-client's view of Gatehouse for one client (discovery over plain HTTP on loopback). */
export function relyingParty(server: TestServer, c: MadeClient): Promise<client.Configuration> {
  return client.discovery(
    new URL(server.url),
    c.clientId,
    { redirect_uris: [REDIRECT] },
    c.secret ? client.ClientSecretBasic(c.secret) : client.None(),
    { execute: [client.allowInsecureRequests] },
  );
}

/** A tiny cookie-keeping browser without JavaScript: follows redirects until it leaves Gatehouse. */
export class CookieBrowser {
  readonly jar = new Map<string, string>();

  constructor(
    private readonly origin: string,
    cookie?: string,
  ) {
    if (cookie) this.keep(cookie);
  }

  keep(setCookie: string | null): void {
    if (!setCookie) return;
    for (const part of setCookie.split(/,(?=\s*[A-Za-z0-9_.-]+=)/)) {
      const [pair] = part.trim().split(";");
      const eq = pair!.indexOf("=");
      if (eq > 0) this.jar.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
  }

  get cookie(): string {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  /** Follows redirects on Gatehouse; returns the first response that is not one, or a foreign Location. */
  async go(
    url: string,
    init: RequestInit = {},
  ): Promise<{ status: number; url: string; body: string }> {
    let current = url;
    let req: RequestInit = init;
    for (let i = 0; i < 20; i++) {
      const res = await fetch(current, {
        ...req,
        redirect: "manual",
        headers: { ...(req.headers as Record<string, string>), cookie: this.cookie },
      });
      for (const c of res.headers.getSetCookie()) this.keep(c);
      const location = res.headers.get("location");
      if (res.status >= 300 && res.status < 400 && location) {
        const next = new URL(location, current).toString();
        if (!next.startsWith(this.origin)) return { status: res.status, url: next, body: "" };
        current = next;
        req = {};
        continue;
      }
      return { status: res.status, url: current, body: await res.text() };
    }
    throw new Error("too many redirects");
  }
}

/** Authorization with PKCE through a browser that already has a Gatehouse session: the code comes back. */
export async function authorize(
  server: TestServer,
  rp: client.Configuration,
  browser: CookieBrowser,
  params: Record<string, string> = {},
) {
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const url = client.buildAuthorizationUrl(rp, {
    redirect_uri: REDIRECT,
    scope: "openid profile email groups offline_access",
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    state,
    prompt: "consent",
    ...params,
  });
  const landed = await browser.go(url.toString());
  return { landed, verifier, state, server };
}
export * as openidClient from "openid-client";
