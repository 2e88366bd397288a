import { createServer, type Server } from "node:http";
import { type AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  openidClient as client,
  createClient,
  type MadeClient,
  relyingParty,
} from "../../api/test/helpers/oidc-rp.js";
import type { TestServer } from "../../api/test/helpers/test-server.js";
import { type Browser, describeBrowser, openBrowser } from "./helpers/browser.js";
import { startConsoleServer } from "./helpers/server.js";

const ADMIN = { username: "ops-admin", password: "a long admin password" };
const SIGN_IN = `mutation($u: String!, $p: String!) { signIn(username: $u, password: $p) { token } }`;

describeBrowser("an app signs in with Gatehouse (OpenID Connect, console sign-in page)", () => {
  let server: TestServer;
  let browser: Browser;
  let firstParty: MadeClient;
  let thirdParty: MadeClient;
  let app: Server;
  let REDIRECT: string;
  let POST_LOGOUT: string;
  let adminToken: string;

  beforeAll(async () => {
    server = await startConsoleServer({
      GATEHOUSE_AUTO_LOGIN: "false",
      GATEHOUSE_SUPERUSER: ADMIN.username,
      GATEHOUSE_SUPERUSER_PASSWORD: ADMIN.password,
    });
    const r = await server.gql<{ signIn: { token: string } }>(SIGN_IN, {
      u: ADMIN.username,
      p: ADMIN.password,
    });
    const token = r.data!.signIn.token;
    adminToken = token;
    // The relying party's own pages: a plain server on loopback that says "back at the app".
    app = createServer((_req, res) => res.end("back at the app"));
    await new Promise<void>((ready) => app.listen(0, "127.0.0.1", ready));
    const origin = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
    REDIRECT = `${origin}/callback`;
    POST_LOGOUT = `${origin}/signed-out`;
    const base = { redirectUris: [REDIRECT], postLogoutRedirectUris: [POST_LOGOUT] };
    firstParty = await createClient(server, token, { ...base, name: "Wiki", firstParty: true });
    thirdParty = await createClient(server, token, { ...base, name: "Partner tool" });
    browser = await openBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    app?.close();
  });

  async function start(c: MadeClient) {
    const rp = await relyingParty(server, c);
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const url = client.buildAuthorizationUrl(rp, {
      redirect_uri: REDIRECT,
      scope: "openid profile email offline_access",
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: "S256",
      state,
      prompt: "consent",
    });
    return {
      rp,
      url: url.toString(),
      checks: { pkceCodeVerifier: verifier, expectedState: state },
    };
  }

  it("signs in on the console page, returns to the app, and the app gets tokens", async () => {
    const { page } = browser;
    const { rp, url, checks } = await start(firstParty);
    await page.goto(url);
    await page.waitForURL(/\/login\?oidc=/);
    await page.getByLabel("Username or email").fill(ADMIN.username);
    await page.getByLabel("Password", { exact: true }).fill(ADMIN.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.waitForURL((u) => u.href.startsWith(REDIRECT));
    const tokens = await client.authorizationCodeGrant(rp, new URL(page.url()), checks);
    expect(tokens.claims()?.preferred_username).toBe(ADMIN.username);
    const info = await client.fetchUserInfo(rp, tokens.access_token, tokens.claims()!.sub);
    expect(info.is_superuser).toBe(true);
    const refreshed = await client.refreshTokenGrant(rp, tokens.refresh_token!);
    expect(refreshed.access_token).not.toBe(tokens.access_token);
  });

  it("reuses the Gatehouse session for another app, asking consent for a third-party one", async () => {
    const { page } = browser;
    const { rp, url, checks } = await start(thirdParty);
    const seen: string[] = [];
    page.on("framenavigated", (f) => seen.push(f.url()));
    await page.goto(url);
    await page.getByRole("heading", { name: "Partner tool wants to sign you in" }).waitFor();
    await page.getByRole("button", { name: "Allow" }).click();
    await page.waitForURL((u) => u.href.startsWith(REDIRECT));
    expect(seen.some((u) => u.includes("/login"))).toBe(false);
    const tokens = await client.authorizationCodeGrant(rp, new URL(page.url()), checks);
    expect(tokens.claims()?.preferred_username).toBe(ADMIN.username);

    // RP-initiated logout: confirm, land on the app's post-logout page, Gatehouse session gone.
    const end = client.buildEndSessionUrl(rp, {
      id_token_hint: tokens.id_token!,
      post_logout_redirect_uri: POST_LOGOUT,
    });
    await page.goto(end.toString());
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL((u) => u.href.startsWith(POST_LOGOUT));
    await page.goto(`${server.url}/`);
    await page.waitForURL(/\/login/);
  });

  it("signs in by magic link from the app's sign-in page and goes back to the app", async () => {
    // The previous test ended the Gatehouse session (RP logout): the browser is signed out.
    const { page } = browser;
    const made = await server.gql<{ createUser: { id: string } }>(
      `mutation($i: CreateUserInput!) { createUser(input: $i) { id } }`,
      {
        i: {
          username: "lena",
          email: "lena@example.com",
          password: "lena's long password",
          isActive: true,
        },
      },
      { token: adminToken },
    );
    expect(made.errors).toBeUndefined();
    const { rp, url, checks } = await start(firstParty);
    await page.goto(url);
    await page.waitForURL(/\/login\?oidc=/);
    await page.getByLabel("Email", { exact: true }).fill("lena@example.com");
    await page.getByRole("button", { name: "Send Magic Link" }).click();
    await page.getByTestId("magic-link-sent").waitFor();
    await server.app.services.background.idle();
    // No mail provider here: the admin fetches the link, which inherits the pending
    // request's destination (the OIDC interaction), as a hand-delivered link would.
    const link = await server.gql<{ emailLoginUrl: { url: string } }>(
      `mutation($id: ID!) { emailLoginUrl(userId: $id) { url } }`,
      { id: made.data!.createUser.id },
      { token: adminToken },
    );
    expect(link.errors).toBeUndefined();
    await page.goto(link.data!.emailLoginUrl.url);
    await page.getByTestId("redeem-button").click();
    await page.waitForURL((u) => u.href.startsWith(REDIRECT));
    const tokens = await client.authorizationCodeGrant(rp, new URL(page.url()), checks);
    expect(tokens.claims()?.preferred_username).toBe("lena");
  });
});
