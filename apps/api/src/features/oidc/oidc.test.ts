import { createRemoteJWKSet, jwtVerify } from "jose";
import * as client from "openid-client";
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
  POST_LOGOUT,
  REDIRECT,
  relyingParty,
} from "../../../test/helpers/oidc-rp.js";
import type { TestServer } from "../../../test/helpers/test-server.js";

let server: TestServer;
let token: string;
let web: MadeClient;

beforeAll(async () => {
  server = await startAuthenticatedServer();
  token = await adminToken(server);
  web = await createClient(server, token, {
    name: "Web app",
    redirectUris: [REDIRECT],
    postLogoutRedirectUris: [POST_LOGOUT],
    firstParty: true,
    grantTypes: ["authorization_code", "refresh_token"],
  });
});
afterAll(() => server?.close());

async function signedInBrowser(): Promise<CookieBrowser> {
  const s = await signIn(server, ADMIN.username, ADMIN.password);
  return new CookieBrowser(server.url, s.setCookie ?? undefined);
}

describe("OpenID Connect provider with openid-client", () => {
  it("publishes discovery with the public URL as issuer, and RS256 + ES256 keys", async () => {
    const rp = await relyingParty(server, web);
    const meta = rp.serverMetadata();
    expect(meta.issuer).toBe(server.url);
    expect(meta.token_endpoint).toBe(`${server.url}/oidc/token`);
    expect(meta.scopes_supported).toEqual(
      expect.arrayContaining(["openid", "profile", "email", "groups", "offline_access"]),
    );
    const jwks = (await (await fetch(meta.jwks_uri!)).json()) as {
      keys: { alg: string; d?: string }[];
    };
    expect(jwks.keys.map((k) => k.alg).sort()).toEqual(["ES256", "RS256"]);
    expect(jwks.keys.some((k) => "d" in k)).toBe(false);
  });

  it("runs code + PKCE with an existing session, then userinfo, refresh and logout", async () => {
    const rp = await relyingParty(server, web);
    const browser = await signedInBrowser();
    const { landed, verifier, state } = await authorize(server, rp, browser);
    expect(landed.url.startsWith(REDIRECT)).toBe(true);
    const tokens = await client.authorizationCodeGrant(rp, new URL(landed.url), {
      pkceCodeVerifier: verifier,
      expectedState: state,
    });
    const claims = tokens.claims()!;
    expect(claims.preferred_username).toBe(ADMIN.username);
    expect(claims.is_superuser).toBe(true);
    expect(claims.groups).toEqual([]);
    const jwks = createRemoteJWKSet(new URL(`${server.url}/oidc/jwks`));
    const verified = await jwtVerify(tokens.id_token!, jwks, {
      issuer: server.url,
      audience: web.clientId,
    });
    expect(verified.payload.sub).toBe(claims.sub);

    const info = await client.fetchUserInfo(rp, tokens.access_token, claims.sub);
    expect(info.preferred_username).toBe(ADMIN.username);

    const refreshed = await client.refreshTokenGrant(rp, tokens.refresh_token!);
    expect(refreshed.refresh_token).not.toBe(tokens.refresh_token);
    // Rotation: the old refresh token is spent.
    await expect(client.refreshTokenGrant(rp, tokens.refresh_token!)).rejects.toMatchObject({
      error: "invalid_grant",
    });

    const end = client.buildEndSessionUrl(rp, {
      id_token_hint: refreshed.id_token ?? tokens.id_token!,
      post_logout_redirect_uri: POST_LOGOUT,
    });
    const confirm = await browser.go(end.toString());
    expect(confirm.status).toBe(200);
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(confirm.body)?.[1];
    expect(xsrf).toBeTruthy();
    const done = await browser.go(`${server.url}/oidc/session/end/confirm`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ xsrf: xsrf!, logout: "yes" }).toString(),
    });
    expect(done.url.startsWith(POST_LOGOUT)).toBe(true);
    // Logging out of the app ended the Gatehouse session too.
    const me = await server.gql<{ me: unknown }>("{ me { id } }", {}, { cookie: browser.cookie });
    expect(me.data?.me ?? null).toBeNull();
  });
});
