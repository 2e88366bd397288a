import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from "jose";
import * as client from "openid-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createUser,
  signIn,
  startAuthenticatedServer,
} from "../../../test/accounts/accounts-helpers.js";
import {
  adminToken,
  authorize,
  CookieBrowser,
  createClient,
  type MadeClient,
  REDIRECT,
  relyingParty,
} from "../../../test/helpers/oidc-rp.js";
import type { TestServer } from "../../../test/helpers/test-server.js";

let server: TestServer;
let token: string;
let web: MadeClient;
let jwtClient: MadeClient;
let service: MadeClient;
let cli: MadeClient;
const ALICE = { username: "alice", password: "alice-password-1" };
let aliceId: string;

beforeAll(async () => {
  server = await startAuthenticatedServer();
  token = await adminToken(server);
  aliceId = await createUser(server, token, { ...ALICE, isActive: true });
  const base = { redirectUris: [REDIRECT], firstParty: true };
  web = await createClient(server, token, { ...base, name: "Web" });
  jwtClient = await createClient(server, token, {
    ...base,
    name: "API",
    accessTokenFormat: "jwt",
  });
  service = await createClient(server, token, {
    name: "Service",
    grantTypes: ["client_credentials"],
  });
  cli = await createClient(server, token, {
    name: "CLI",
    isPublic: true,
    firstParty: true,
    grantTypes: ["urn:ietf:params:oauth:grant-type:device_code", "refresh_token"],
  });
});
afterAll(() => server?.close());

async function browserFor(who: { username: string; password: string }) {
  const s = await signIn(server, who.username, who.password);
  return { browser: new CookieBrowser(server.url, s.setCookie ?? undefined), session: s };
}

async function codeFor(c: MadeClient, who = ALICE, params: Record<string, string> = {}) {
  const rp = await relyingParty(server, c);
  const { browser, session } = await browserFor(who);
  const { landed, verifier, state } = await authorize(server, rp, browser, params);
  return { rp, landed, verifier, state, browser, session };
}

describe("OpenID Connect flows", () => {
  it("refuses a redirect URI that is not registered exactly (no redirect to it)", async () => {
    const rp = await relyingParty(server, web);
    const { browser } = await browserFor(ALICE);
    const url = client.buildAuthorizationUrl(rp, {
      redirect_uri: `${REDIRECT}/../evil`,
      scope: "openid",
      code_challenge: await client.calculatePKCECodeChallenge(client.randomPKCECodeVerifier()),
      code_challenge_method: "S256",
    });
    const res = await browser.go(url.toString());
    expect(res.status).toBe(400);
    expect(res.body).toContain("redirect_uri");
  });

  it("refuses a PKCE mismatch", async () => {
    const { rp, landed, state } = await codeFor(web);
    await expect(
      client.authorizationCodeGrant(rp, new URL(landed.url), {
        pkceCodeVerifier: client.randomPKCECodeVerifier(),
        expectedState: state,
      }),
    ).rejects.toMatchObject({ error: "invalid_grant" });
  });

  it("a reused code fails and revokes the tokens issued from it", async () => {
    const { rp, landed, verifier, state } = await codeFor(web);
    const tokens = await client.authorizationCodeGrant(rp, new URL(landed.url), {
      pkceCodeVerifier: verifier,
      expectedState: state,
    });
    await expect(
      client.authorizationCodeGrant(rp, new URL(landed.url), {
        pkceCodeVerifier: verifier,
        expectedState: state,
      }),
    ).rejects.toMatchObject({ error: "invalid_grant" });
    const intro = await client.tokenIntrospection(rp, tokens.access_token);
    expect(intro.active).toBe(false);
    await expect(client.refreshTokenGrant(rp, tokens.refresh_token!)).rejects.toMatchObject({
      error: "invalid_grant",
    });
  });

  it("revocation ends a refresh token; introspection reports live tokens", async () => {
    const { rp, landed, verifier, state } = await codeFor(web);
    const tokens = await client.authorizationCodeGrant(rp, new URL(landed.url), {
      pkceCodeVerifier: verifier,
      expectedState: state,
    });
    const intro = await client.tokenIntrospection(rp, tokens.access_token);
    expect(intro).toMatchObject({ active: true, sub: aliceId, client_id: web.clientId });
    await client.tokenRevocation(rp, tokens.refresh_token!);
    await expect(client.refreshTokenGrant(rp, tokens.refresh_token!)).rejects.toMatchObject({
      error: "invalid_grant",
    });
  });

  it("refresh tokens die with the Gatehouse session and with a deactivated user", async () => {
    const first = await codeFor(web);
    const t1 = await client.authorizationCodeGrant(first.rp, new URL(first.landed.url), {
      pkceCodeVerifier: first.verifier,
      expectedState: first.state,
    });
    const signOut = await server.gql("mutation { signOut }", {}, { token: first.session.token });
    expect(signOut.errors).toBeUndefined();
    await expect(client.refreshTokenGrant(first.rp, t1.refresh_token!)).rejects.toMatchObject({
      error: "invalid_grant",
    });

    const second = await codeFor(web);
    const t2 = await client.authorizationCodeGrant(second.rp, new URL(second.landed.url), {
      pkceCodeVerifier: second.verifier,
      expectedState: second.state,
    });
    expect(
      (await client.refreshTokenGrant(second.rp, t2.refresh_token!)).access_token,
    ).toBeTruthy();
    const off = await server.gql(
      `mutation($id: ID!) { setActive(userId: $id, active: false) { id } }`,
      { id: aliceId },
      { token },
    );
    expect(off.errors).toBeUndefined();
    await expect(client.refreshTokenGrant(second.rp, t2.refresh_token!)).rejects.toMatchObject({
      error: "invalid_grant",
    });
    await expect(client.fetchUserInfo(second.rp, t2.access_token, aliceId)).rejects.toThrow();
    // The grant's tokens went with the session: introspection sees nothing either.
    expect((await client.tokenIntrospection(second.rp, t2.access_token)).active).toBe(false);
    const on = await server.gql(
      `mutation($id: ID!) { setActive(userId: $id, active: true) { id } }`,
      { id: aliceId },
      { token },
    );
    expect(on.errors).toBeUndefined();
  });

  it("issues RFC 9068 JWT access tokens that verify with the JWKS before and after a key rotation", async () => {
    const { rp, landed, verifier, state } = await codeFor(jwtClient);
    const before = await client.authorizationCodeGrant(rp, new URL(landed.url), {
      pkceCodeVerifier: verifier,
      expectedState: state,
    });
    const jwksUrl = new URL(`${server.url}/oidc/jwks`);
    const check = async (t: typeof before, jwks = createRemoteJWKSet(jwksUrl)) => {
      const at = await jwtVerify(t.access_token, jwks, {
        issuer: server.url,
        audience: jwtClient.clientId,
        typ: "at+jwt",
      });
      expect(at.payload.sub).toBe(aliceId);
      // GATEHOUSE_OIDC_JWT_ACCESS_TOKEN_TTL: 5 minutes by default (nothing revokes them).
      expect(at.payload.exp! - at.payload.iat!).toBe(300);
      await jwtVerify(t.id_token!, jwks, { issuer: server.url, audience: jwtClient.clientId });
      return decodeProtectedHeader(t.id_token!).kid;
    };
    const oldKid = await check(before);

    const rotated = await server.gql<{ rotateOidcSigningKeys: string[] }>(
      "mutation { rotateOidcSigningKeys }",
      {},
      { token },
    );
    expect(rotated.errors).toBeUndefined();
    const again = await codeFor(jwtClient);
    const after = await client.authorizationCodeGrant(again.rp, new URL(again.landed.url), {
      pkceCodeVerifier: again.verifier,
      expectedState: again.state,
    });
    const newKid = await check(after);
    expect(newKid).not.toBe(oldKid);
    expect(rotated.data!.rotateOidcSigningKeys).toContain(newKid);
    // The old key is still published: tokens signed before the rotation keep verifying.
    expect(await check(before)).toBe(oldKid);
  });

  it("client credentials for a confidential client; a wrong secret is invalid_client", async () => {
    const rp = await relyingParty(server, service);
    const t = await client.clientCredentialsGrant(rp);
    expect(t.access_token).toBeTruthy();
    const wrong = await relyingParty(server, { ...service, secret: "not-the-secret" });
    await expect(client.clientCredentialsGrant(wrong)).rejects.toMatchObject({
      status: 401,
      cause: [{ parameters: { error: "invalid_client" } }],
    });
  });

  it("a rotated client secret keeps the old one working during the overlap", async () => {
    const r = await server.gql<{ rotateOidcClientSecret: { secret: string } }>(
      `mutation($id: ID!) { rotateOidcClientSecret(id: $id) { secret } }`,
      { id: service.id },
      { token },
    );
    expect(r.errors).toBeUndefined();
    const fresh = { ...service, secret: r.data!.rotateOidcClientSecret.secret };
    expect(
      (await client.clientCredentialsGrant(await relyingParty(server, fresh))).access_token,
    ).toBeTruthy();
    expect(
      (await client.clientCredentialsGrant(await relyingParty(server, service))).access_token,
    ).toBeTruthy();
  });

  it("device authorization: the user approves in a signed-in browser, the CLI gets tokens", async () => {
    const rp = await relyingParty(server, cli);
    const device = await client.initiateDeviceAuthorization(rp, {
      scope: "openid profile offline_access",
    });
    const { browser } = await browserFor(ALICE);
    const page = await browser.go(device.verification_uri_complete!);
    expect(page.status).toBe(200);
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(page.body)?.[1];
    const confirmed = await browser.go(`${server.url}/oidc/device`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        xsrf: xsrf!,
        user_code: device.user_code,
        confirm: "yes",
      }).toString(),
    });
    expect(confirmed.status).toBe(200);
    const tokens = await client.pollDeviceAuthorizationGrant(rp, device);
    expect(tokens.claims()?.sub).toBe(aliceId);
  });

  it("answers malformed protocol requests with OAuth errors, never a 500", async () => {
    const cases: [string, RequestInit][] = [
      [
        "/oidc/token",
        {
          method: "POST",
          body: "%%%",
          headers: { "content-type": "application/x-www-form-urlencoded" },
        },
      ],
      [
        "/oidc/token",
        { method: "POST", body: "{", headers: { "content-type": "application/json" } },
      ],
      [
        "/oidc/token",
        {
          method: "POST",
          body: "grant_type=authorization_code&code=x",
          headers: {
            "content-type": "application/x-www-form-urlencoded",
            authorization: "Basic !!!",
          },
        },
      ],
      ["/oidc/auth?client_id=%ZZ&response_type=code", {}],
      ["/oidc/auth?client_id=nope&response_type=code&scope=openid", {}],
      ["/oidc/me", { headers: { authorization: "Bearer x" } }],
      [
        "/oidc/token/introspection",
        {
          method: "POST",
          body: "token=x",
          headers: { "content-type": "application/x-www-form-urlencoded" },
        },
      ],
      ["/oidc/interaction/nope", {}],
      [
        "/oidc/device/auth",
        {
          method: "POST",
          body: `client_id=${"x".repeat(5000)}`,
          headers: { "content-type": "application/x-www-form-urlencoded" },
        },
      ],
    ];
    for (const [path, init] of cases) {
      const res = await fetch(`${server.url}${path}`, { ...init, redirect: "manual" });
      expect(res.status, path).toBeLessThan(500);
      expect(res.status, path).toBeGreaterThanOrEqual(400);
      if ((res.headers.get("content-type") ?? "").includes("json")) {
        const body = (await res.json()) as { error?: string };
        expect(typeof body.error, path).toBe("string");
      }
    }
  });
});
