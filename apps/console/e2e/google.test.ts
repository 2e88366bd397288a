import { afterAll, beforeAll, expect, it } from "vitest";
import { type FakeGoogle, startFakeGoogle } from "../../api/test/helpers/fake-google.js";
import type { TestServer } from "../../api/test/helpers/test-server.js";
import { type Browser, describeBrowser, openBrowser } from "./helpers/browser.js";
import { sessionCookie, signInWithPassword, waitForPath } from "./helpers/console.js";
import { startConsoleServer } from "./helpers/server.js";

/** "Sign in with Google" through the server's redirect flow against a loopback Google. */
describeBrowser("Google sign-in from the login page", () => {
  let google: FakeGoogle;
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    google = await startFakeGoogle();
    server = await startConsoleServer({
      GATEHOUSE_AUTO_LOGIN: "false",
      GATEHOUSE_SUPERUSER: "g-admin",
      GATEHOUSE_SUPERUSER_PASSWORD: "google admin password",
      GATEHOUSE_NEW_USER_IS_ACTIVE: "true",
      ...google.env(),
    });
    browser = await openBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await google?.close();
  });

  it("redirects to Google and comes back signed in", async () => {
    const { page, context } = browser;
    google.nextUser = { sub: "google-sub-1", email: "gina@example.com", email_verified: true };
    await page.goto(`${server.url}/login`);
    await page.getByRole("link", { name: "Sign in with Google" }).click();
    await page.locator(".profile-name").waitFor({ timeout: 15_000 });
    expect(google.authorizeRequests).toHaveLength(1);
    expect(google.authorizeRequests[0]?.get("code_challenge_method")).toBe("S256");
    expect((await sessionCookie(context))?.httpOnly).toBe(true);
    const { pathname } = new URL(page.url());
    expect(pathname).not.toBe("/login");
    await page.getByRole("link", { name: "My account" }).click();
    await waitForPath(page, "/account");
    await page.getByTestId("my-profile").getByText("gina@example.com").waitFor();
    await page.getByTestId("my-profile").getByText("Google").waitFor();
  });

  it("explains a cancelled Google sign-in on the login page", async () => {
    // The server's callback sends a refused sign-in back here with ?error=<reason>. A fresh
    // profile, because the first browser is signed in now and would skip /login.
    const fresh = await openBrowser();
    try {
      await fresh.page.goto(`${server.url}/login?error=google_denied`);
      await fresh.page
        .getByTestId("login-notice")
        .getByText("Google sign-in was cancelled.")
        .waitFor();
      await fresh.page.getByRole("link", { name: "Sign in with Google" }).waitFor();
    } finally {
      await fresh.close();
    }
  });

  it("explains on the login page that an existing account must link Google itself", async () => {
    const fresh = await openBrowser();
    try {
      await fresh.page.goto(`${server.url}/login?error=google_link_required`);
      await fresh.page
        .getByTestId("login-notice")
        .getByText("Sign in the usual way, then link Google from My account.", { exact: false })
        .waitFor();
    } finally {
      await fresh.close();
    }
  });

  it("comes back to the page that asked for sign-in (?next=)", async () => {
    const fresh = await openBrowser();
    try {
      google.nextUser = { sub: "google-sub-2", email: "nico@example.com", email_verified: true };
      // Signed out, a deep link goes to /login?next=/account first.
      await fresh.page.goto(`${server.url}/account`);
      await waitForPath(fresh.page, "/login");
      expect(new URL(fresh.page.url()).searchParams.get("next")).toBe("/account");
      await fresh.page.getByRole("link", { name: "Sign in with Google" }).click();
      await waitForPath(fresh.page, "/account");
      await fresh.page.getByTestId("my-profile").getByText("nico@example.com").waitFor();
    } finally {
      await fresh.close();
    }
  });

  it("My account → Link Google links the chosen Google account to the signed-in user", async () => {
    const fresh = await openBrowser();
    try {
      await signInWithPassword(fresh.page, server.url, "g-admin", "google admin password");
      await fresh.page.goto(`${server.url}/account`);
      google.nextUser = { sub: "google-sub-admin", email: "boss.home@gmail.com" };
      await fresh.page.getByTestId("link-google").click();
      await fresh.page
        .getByTestId("google-link-outcome")
        .getByText("Google is linked")
        .waitFor({ timeout: 15_000 });
      expect(new URL(fresh.page.url()).pathname).toBe("/account");
      await fresh.page.getByRole("button", { name: "Unlink Google" }).waitFor();
      expect(google.authorizeRequests.at(-1)?.get("prompt")).toBe("select_account");
    } finally {
      await fresh.close();
    }
  });
});
