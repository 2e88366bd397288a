import { afterAll, beforeAll, expect, it } from "vitest";
import { NAVIGATION } from "../../api/test/forward-auth/support.js";
import { describeWith, type ProxyProcess, startNginx } from "../../api/test/helpers/proxies.js";
import { freePort } from "../../api/test/helpers/spawn-server.js";
import type { TestServer } from "../../api/test/helpers/test-server.js";
import {
  type Echo,
  startUpstreamApp,
  type UpstreamApp,
} from "../../api/test/helpers/upstream-app.js";
import { type Browser, describeBrowser, openBrowser } from "./helpers/browser.js";
import { startConsoleServer } from "./helpers/server.js";

const ADMIN = { username: "fa-admin", password: "forward auth admin password" };

/**
 * The whole loop in Chromium, through real nginx: the app's URL → Gatehouse's sign-in page →
 * signing in → back on the app, which sees the identity headers. Chromium resolves *.localhost
 * to loopback, so Gatehouse is auth.fa.localhost and the app app.fa.localhost, sharing the
 * session through GATEHOUSE_COOKIE_DOMAIN=fa.localhost.
 */
describeBrowser("forward auth in a browser", () => {
  describeWith("nginx", "through nginx auth_request", () => {
    let server: TestServer;
    let app: UpstreamApp;
    let proxy: ProxyProcess;
    let browser: Browser;
    let authOrigin: string;

    beforeAll(async () => {
      const port = await freePort();
      authOrigin = `http://auth.fa.localhost:${port}`;
      server = await startConsoleServer({
        GATEHOUSE_AUTO_LOGIN: "false",
        GATEHOUSE_SUPERUSER: ADMIN.username,
        GATEHOUSE_SUPERUSER_PASSWORD: ADMIN.password,
        GATEHOUSE_PORT: String(port),
        GATEHOUSE_PUBLIC_URL: authOrigin,
        GATEHOUSE_COOKIE_DOMAIN: "fa.localhost",
        GATEHOUSE_TRUST_PROXY: "127.0.0.1,::1",
      });
      app = await startUpstreamApp();
      proxy = await startNginx({ gatehouse: server.url, app: app.url });
      browser = await openBrowser();
    });
    afterAll(async () => {
      await browser?.close();
      await proxy?.stop();
      await app?.close();
      await server?.close();
    });

    it("signs in on Gatehouse and lands back on the app with the identity headers", async () => {
      const appUrl = `http://app.fa.localhost:${proxy.port}/notes/7?tab=a%20b`;
      const { page } = browser;
      await page.goto(appUrl);
      // nginx sent the browser to Gatehouse's sign-in page, carrying the app's URL.
      await page.waitForURL((u) => u.origin === authOrigin && u.pathname === "/login");
      expect(new URL(page.url()).searchParams.get("next")).toBe(appUrl);
      await page.getByLabel("Username or email").fill(ADMIN.username);
      await page.getByLabel("Password", { exact: true }).fill(ADMIN.password);
      await page.getByRole("button", { name: "Sign in", exact: true }).click();
      await page.waitForURL(appUrl);
      const echo = JSON.parse((await page.locator("body").textContent()) ?? "") as Echo;
      expect(echo.path).toBe("/notes/7?tab=a%20b");
      expect(echo.headers["remote-user"]).toBe(ADMIN.username);
      expect(echo.headers["remote-id"]).toMatch(/^[0-9a-f-]{36}$/);
      // A navigation from that signed-in browser was what reached the app.
      expect(echo.headers["sec-fetch-mode"]).toBe(NAVIGATION["sec-fetch-mode"]);
    });
  });
});
