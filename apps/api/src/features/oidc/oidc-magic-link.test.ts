import * as client from "openid-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeResend, startFakeResend } from "../../../test/helpers/fake-resend.js";
import {
  authorize,
  CookieBrowser,
  createClient,
  type MadeClient,
  REDIRECT,
  relyingParty,
} from "../../../test/helpers/oidc-rp.js";
import { startTestServer, type TestServer } from "../../../test/helpers/test-server.js";
import {
  sessionCookieFrom,
  settle,
  signInAdmin,
  TEAM_ENV,
  tokenOf,
} from "../../../test/sign-in-links/support.js";

// Issue 15: a person who signs in by magic link from an app's OpenID Connect login lands
// back in the app, like after a password or Google sign-in.

const REQUEST = `mutation($email: String!, $next: String) {
  requestMagicLink(email: $email, next: $next) { accepted }
}`;
const REDEEM = `mutation($token: String!) { redeemLink(token: $token) { returnTo user { email } } }`;

let resend: FakeResend;
let server: TestServer;
let web: MadeClient;

beforeAll(async () => {
  resend = await startFakeResend();
  server = await startTestServer({
    ...TEAM_ENV,
    GATEHOUSE_NEW_USER_IS_ACTIVE: "true",
    RESEND_API_KEY: resend.apiKey,
    RESEND_FROM: "Acme <auth@acme.test>",
    RESEND_BASE_URL: resend.url,
  });
  web = await createClient(server, await signInAdmin(server), {
    name: "Web",
    redirectUris: [REDIRECT],
    firstParty: true,
  });
});
afterAll(async () => {
  await server?.close();
  await resend?.close();
});

describe("magic-link sign-in from an app's OpenID Connect login", () => {
  it("the redeemed link returns to the interaction, which hands the app a code", async () => {
    const rp = await relyingParty(server, web);
    const browser = new CookieBrowser(server.url);
    const { landed, verifier, state } = await authorize(server, rp, browser);
    const login = new URL(landed.url);
    expect(login.pathname).toBe("/login");
    const uid = login.searchParams.get("oidc")!;
    expect(uid).toBeTruthy();

    // The sign-in page sends the interaction as `next` with the link request.
    const asked = await server.gql(REQUEST, {
      email: "ada@example.com",
      next: `/oidc/interaction/${uid}`,
    });
    expect(asked.errors).toBeUndefined();
    await settle(server);
    const [mail] = await resend.waitForMessages(1);
    const redeemed = await server.gql<{ redeemLink: { returnTo: string | null } }>(REDEEM, {
      token: tokenOf(resend.linkIn(mail!)),
    });
    expect(redeemed.errors).toBeUndefined();
    // Absolute: the console leaves with a full page load (the API serves the interaction).
    expect(redeemed.data!.redeemLink.returnTo).toBe(`${server.url}/oidc/interaction/${uid}`);

    browser.keep(sessionCookieFrom(redeemed.headers) ?? null);
    const back = await browser.go(redeemed.data!.redeemLink.returnTo!);
    expect(back.url.startsWith(REDIRECT)).toBe(true);
    const tokens = await client.authorizationCodeGrant(rp, new URL(back.url), {
      pkceCodeVerifier: verifier,
      expectedState: state,
    });
    expect(tokens.claims()).toMatchObject({ email: "ada@example.com", email_verified: true });
  });

  it("a foreign absolute `next` is still dropped", async () => {
    const asked = await server.gql(REQUEST, {
      email: "bob@example.com",
      next: "https://evil.example.com/oidc/interaction/x",
    });
    expect(asked.errors).toBeUndefined();
    await settle(server);
    const mails = await resend.waitForMessages(2);
    const redeemed = await server.gql<{ redeemLink: { returnTo: string | null } }>(REDEEM, {
      token: tokenOf(resend.linkIn(mails[1]!)),
    });
    expect(redeemed.data!.redeemLink.returnTo).toBeNull();
  });
});
