import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ADMIN,
  signIn,
  startAuthenticatedServer,
} from "../../../test/accounts/accounts-helpers.js";
import {
  adminToken,
  authorize,
  CookieBrowser,
  createClient,
  type MadeClient,
  relyingParty,
} from "../../../test/helpers/oidc-rp.js";
import type { TestServer } from "../../../test/helpers/test-server.js";

// Issue 15: a browser SPA (public client) on its own origin finishes code + PKCE against
// the token endpoint, and reads userinfo and revokes, with CORS for its redirect origins only.

const SPA = "https://spa.example.com";
const SPA_REDIRECT = `${SPA}/callback`;
const EVIL = "https://evil.example.com";

let server: TestServer;
let spa: MadeClient;

beforeAll(async () => {
  server = await startAuthenticatedServer();
  const token = await adminToken(server);
  spa = await createClient(server, token, {
    name: "SPA",
    isPublic: true,
    firstParty: true,
    redirectUris: [SPA_REDIRECT],
    grantTypes: ["authorization_code", "refresh_token"],
  });
});
afterAll(() => server?.close());

function preflight(path: string, origin: string): Promise<Response> {
  return fetch(`${server.url}${path}`, {
    method: "OPTIONS",
    headers: {
      origin,
      "access-control-request-method": "POST",
      "access-control-request-headers": "content-type",
    },
  });
}

function form(path: string, origin: string, body: Record<string, string>): Promise<Response> {
  return fetch(`${server.url}${path}`, {
    method: "POST",
    headers: { origin, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(body),
  });
}

/** The SPA's code, got by a signed-in browser (the redirect to the SPA is not followed). */
async function spaCode(): Promise<{ code: string; verifier: string }> {
  const s = await signIn(server, ADMIN.username, ADMIN.password);
  const browser = new CookieBrowser(server.url, s.setCookie ?? undefined);
  const rp = await relyingParty(server, spa);
  const { landed, verifier } = await authorize(server, rp, browser, {
    redirect_uri: SPA_REDIRECT,
  });
  expect(landed.url.startsWith(SPA_REDIRECT)).toBe(true);
  return { code: new URL(landed.url).searchParams.get("code")!, verifier };
}

describe("CORS for browser apps on their own origin", () => {
  it("answers the token preflight for a redirect origin, and not for another origin", async () => {
    const ok = await preflight("/oidc/token", SPA);
    expect(ok.status).toBe(204);
    expect(ok.headers.get("access-control-allow-origin")).toBe(SPA);
    expect(ok.headers.get("access-control-allow-methods")).toContain("POST");
    const no = await preflight("/oidc/token", EVIL);
    expect(no.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("code + PKCE, userinfo, refresh and revocation from the SPA's origin", async () => {
    const { code, verifier } = await spaCode();
    const res = await form("/oidc/token", SPA, {
      grant_type: "authorization_code",
      code,
      code_verifier: verifier,
      redirect_uri: SPA_REDIRECT,
      client_id: spa.clientId,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBe(SPA);
    const tokens = (await res.json()) as { access_token: string; refresh_token: string };

    const me = await fetch(`${server.url}/oidc/me`, {
      headers: { origin: SPA, authorization: `Bearer ${tokens.access_token}` },
    });
    expect(me.status).toBe(200);
    expect(me.headers.get("access-control-allow-origin")).toBe(SPA);

    // The same refresh token from another origin: refused, and no CORS header to read it.
    const foreign = await form("/oidc/token", EVIL, {
      grant_type: "refresh_token",
      refresh_token: tokens.refresh_token,
      client_id: spa.clientId,
    });
    expect(foreign.status).toBe(400);
    expect(foreign.headers.get("access-control-allow-origin")).toBeNull();

    const refreshed = await form("/oidc/token", SPA, {
      grant_type: "refresh_token",
      refresh_token: tokens.refresh_token,
      client_id: spa.clientId,
    });
    expect(refreshed.status).toBe(200);
    const next = (await refreshed.json()) as { refresh_token: string };
    const revoked = await form("/oidc/token/revocation", SPA, {
      token: next.refresh_token,
      client_id: spa.clientId,
    });
    expect(revoked.status).toBe(200);
    expect(revoked.headers.get("access-control-allow-origin")).toBe(SPA);
  });

  it("JWKS and discovery are open to any origin; other routes keep refusing foreign ones", async () => {
    for (const path of ["/oidc/jwks", "/.well-known/openid-configuration"]) {
      const res = await fetch(`${server.url}${path}`, { headers: { origin: EVIL } });
      expect(res.status).toBe(200);
      expect(res.headers.get("access-control-allow-origin")).toBe(EVIL);
    }
    const introspection = await form("/oidc/token/introspection", SPA, { token: "x" });
    expect(introspection.status).toBe(403);
    expect(introspection.headers.get("access-control-allow-origin")).toBeNull();
    const auth = await fetch(`${server.url}/oidc/auth?client_id=${spa.clientId}`, {
      headers: { origin: SPA },
    });
    expect(auth.status).toBe(403);
    const graphql = await fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: { origin: SPA, "content-type": "application/json" },
      body: JSON.stringify({ query: "{ serverInfo { appName } }" }),
    });
    expect(graphql.status).toBe(403);
  });
});
