import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type FakeGoogle, startFakeGoogle } from "../../api/test/helpers/fake-google.js";
import { freePort } from "../../api/test/helpers/spawn-server.js";
import type { TestServer } from "../../api/test/helpers/test-server.js";
import { type Browser, describeBrowser, openBrowser } from "./helpers/browser.js";
import { startConsoleServer } from "./helpers/server.js";

const ADMIN = { username: "ret-admin", password: "return admin password" };

/**
 * Back to the app after sign-in, in Chromium. Chromium resolves every *.localhost name to
 * loopback, so Gatehouse is http://auth.gh.localhost:<port> and "the app" (a small loopback
 * server) is http://app.gh.localhost:<port>, with GATEHOUSE_COOKIE_DOMAIN=gh.localhost. The
 * app shows who the session cookie it received belongs to (asking Gatehouse, as forward auth
 * would), so each test also proves the cookie reached the sibling host.
 */
describeBrowser("sign-in returns the browser to the app it came from", () => {
  let google: FakeGoogle;
  let server: TestServer;
  let app: Server;
  let appOrigin: string;
  let authOrigin: string;
  let adminToken: string;

  beforeAll(async () => {
    google = await startFakeGoogle();
    const port = await freePort();
    authOrigin = `http://auth.gh.localhost:${port}`;
    server = await startConsoleServer({
      GATEHOUSE_AUTO_LOGIN: "false",
      GATEHOUSE_SUPERUSER: ADMIN.username,
      GATEHOUSE_SUPERUSER_PASSWORD: ADMIN.password,
      GATEHOUSE_NEW_USER_IS_ACTIVE: "true",
      GATEHOUSE_PORT: String(port),
      GATEHOUSE_PUBLIC_URL: authOrigin,
      GATEHOUSE_COOKIE_DOMAIN: "gh.localhost",
      ...google.env(),
    });
    const signedIn = await server.gql<{ signIn: { token: string } }>(
      `mutation($u: String!, $p: String!) { signIn(username: $u, password: $p) { token } }`,
      { u: ADMIN.username, p: ADMIN.password },
    );
    adminToken = signedIn.data!.signIn.token;
    app = createServer(async (req, res) => {
      const session = /(?:^|;\s*)gatehouse_session=([^;]+)/.exec(req.headers.cookie ?? "")?.[1];
      let who = "nobody";
      if (session) {
        const me = await server.gql<{ me: { username: string } | null }>(
          "{ me { username } }",
          {},
          { cookie: `gatehouse_session=${session}` },
        );
        who = me.data?.me?.username ?? "nobody";
      }
      res.setHeader("content-type", "text/html; charset=utf-8");
      res.end(
        `<!doctype html><title>app</title><p data-testid="app-path">${req.url?.replace(/[<&]/g, "")}</p><p data-testid="app-user">${who}</p>`,
      );
    });
    await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
    appOrigin = `http://app.gh.localhost:${(app.address() as { port: number }).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => app?.close(resolve));
    await server?.close();
    await google?.close();
  });

  const loginFor = (next: string) => `${authOrigin}/login?next=${encodeURIComponent(next)}`;

  async function onApp(browser: Browser, path: string, username: string): Promise<void> {
    await browser.page.waitForURL(
      (u) => u.origin === appOrigin && u.pathname === path.split("?")[0],
    );
    expect(await browser.page.getByTestId("app-path").textContent()).toBe(path);
    expect(await browser.page.getByTestId("app-user").textContent()).toBe(username);
  }

  async function withBrowser(fn: (b: Browser) => Promise<void>): Promise<void> {
    const browser = await openBrowser();
    try {
      await fn(browser);
      expect(browser.problems.filter((p) => !p.includes("401"))).toEqual([]);
    } finally {
      await browser.close();
    }
  }

  it("password: signs in and lands on the app's original URL; signed in, /login sends straight back", async () => {
    await withBrowser(async (b) => {
      await b.page.goto(loginFor(`${appOrigin}/notes/7?tab=a%20b`));
      await b.page.getByLabel("Username or email").fill(ADMIN.username);
      await b.page.getByLabel("Password", { exact: true }).fill(ADMIN.password);
      await b.page.getByRole("button", { name: "Sign in", exact: true }).click();
      await onApp(b, "/notes/7?tab=a%20b", ADMIN.username);
      const cookie = (await b.context.cookies()).find((c) => c.name === "gatehouse_session");
      expect(cookie?.domain).toBe(".gh.localhost");
      // Already signed in: forward auth sends the browser to /login again, it comes back.
      await b.page.goto(loginFor(`${appOrigin}/again`));
      await onApp(b, "/again", ADMIN.username);
    });
  });

  it("password: a host that is not allowed lands on the console instead", async () => {
    await withBrowser(async (b) => {
      const evil = appOrigin.replace("app.gh.localhost", "evil.localhost");
      await b.page.goto(loginFor(`${evil}/steal`));
      await b.page.getByLabel("Username or email").fill(ADMIN.username);
      await b.page.getByLabel("Password", { exact: true }).fill(ADMIN.password);
      await b.page.getByRole("button", { name: "Sign in", exact: true }).click();
      await b.page.locator(".profile-name", { hasText: ADMIN.username }).waitFor();
      expect(new URL(b.page.url()).origin).toBe(authOrigin);
      expect(new URL(b.page.url()).pathname).toBe("/");
    });
  });

  it("magic link: asked for on the way to the app, fetched by an admin, lands on the app", async () => {
    await withBrowser(async (b) => {
      await b.page.goto(loginFor(`${appOrigin}/from-link`));
      await b.page.getByLabel("Email", { exact: true }).fill("linda@example.com");
      await b.page.getByRole("button", { name: "Send Magic Link" }).click();
      await b.page.getByTestId("magic-link-sent").waitFor();
      await server.app.services.background.idle();
      const users = await server.gql<{ users: { edges: { node: { id: string } }[] } }>(
        `query($s: String) { users(search: $s) { edges { node { id } } } }`,
        { s: "linda@example.com" },
        { token: adminToken },
      );
      const userId = users.data!.users.edges[0]!.node.id;
      const link = await server.gql<{ emailLoginUrl: { url: string } }>(
        `mutation($id: ID!) { emailLoginUrl(userId: $id) { url } }`,
        { id: userId },
        { token: adminToken },
      );
      const url = link.data!.emailLoginUrl.url;
      expect(url.startsWith(`${authOrigin}/auth/magic?token=`)).toBe(true);
      await b.page.goto(url);
      await b.page.getByTestId("redeem-button").click();
      await onApp(b, "/from-link", "linda");
    });
  });

  it("Google: the redirect flow carries the app's URL through Google and back", async () => {
    await withBrowser(async (b) => {
      google.nextUser = { sub: "ret-google-1", email: "gus@example.com", email_verified: true };
      await b.page.goto(loginFor(`${appOrigin}/via-google?x=1`));
      await b.page.getByRole("link", { name: "Sign in with Google" }).click();
      await onApp(b, "/via-google?x=1", "gus");
    });
  });
});
