import { afterAll, beforeAll, expect, it } from "vitest";
import type { TestServer } from "../../api/test/helpers/test-server.js";
import { type Browser, describeBrowser, openBrowser, screenshot } from "./helpers/browser.js";
import { sessionCookie } from "./helpers/console.js";
import { startConsoleServer } from "./helpers/server.js";

const ADMIN = { username: "ops-admin", password: "a long admin password" };

describeBrowser("sign-in page messages (MANUAL delivery)", () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startConsoleServer({
      GATEHOUSE_AUTO_LOGIN: "false",
      GATEHOUSE_SUPERUSER: ADMIN.username,
      GATEHOUSE_SUPERUSER_PASSWORD: ADMIN.password,
    });
    browser = await openBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function attempt(password: string) {
    const { page } = browser;
    await page.getByLabel("Username or email").fill(ADMIN.username);
    await page.getByLabel("Password", { exact: true }).fill(password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.getByRole("button", { name: "Sign in", exact: true }).waitFor();
  }

  it("offers password and magic link but no Google button when Google is off", async () => {
    const { page } = browser;
    await page.goto(`${server.url}/login`);
    await page.getByRole("button", { name: "Send Magic Link" }).waitFor();
    expect(await page.getByRole("link", { name: "Sign in with Google" }).count()).toBe(0);
  });

  it("says when the email is malformed, and gives the MANUAL-mode answer otherwise", async () => {
    const { page } = browser;
    await page.getByLabel("Email", { exact: true }).fill("not-an-email");
    await page.getByRole("button", { name: "Send Magic Link" }).click();
    await page.getByText("Enter an email address like name@example.com.").waitFor();
    expect(await page.getByLabel("Email", { exact: true }).getAttribute("aria-invalid")).toBe(
      "true",
    );

    await page.getByLabel("Email", { exact: true }).fill("newcomer@example.com");
    await page.getByRole("button", { name: "Send Magic Link" }).click();
    await page
      .getByTestId("magic-link-sent")
      .getByText("Ask your administrator for your sign-in link.")
      .waitFor();
    // The request created an unverified account the admin can now find.
    const users = await server.gql<{ users: { totalCount: number } }>(
      `{ users(search: "newcomer") { totalCount } }`,
      {},
      { cookie: await adminCookie() },
    );
    expect(users.data?.users.totalCount).toBe(1);
  });

  it("explains wrong credentials, then the lockout with a retry time", async () => {
    const { page } = browser;
    await attempt("wrong password 1");
    await page.getByTestId("signin-error").getByText("Wrong username or password.").waitFor();
    // The per-username limit is 5 attempts; keep going until the lockout message appears.
    let locked = false;
    for (let i = 2; i <= 8 && !locked; i++) {
      await attempt(`wrong password ${i}`);
      locked =
        (await page.getByTestId("signin-error").textContent())?.includes("Too many") ?? false;
    }
    expect(locked).toBe(true);
    expect(await page.getByTestId("signin-error").textContent()).toMatch(
      /Too many attempts\. Try again in \d+ (seconds|minutes)\./,
    );
    await screenshot(page, "login-rate-limited");
    // Even the right password is refused while locked out, and no cookie is set.
    await attempt(ADMIN.password);
    expect(await page.getByTestId("signin-error").textContent()).toContain("Too many");
    expect(await sessionCookie(browser.context)).toBeUndefined();
  });

  /** A session for API calls made by the test itself (not through the browser). */
  async function adminCookie(): Promise<string> {
    const r = await server.gql<{ signIn: { token: string } }>(
      `mutation($u: String!, $p: String!) { signIn(username: $u, password: $p) { token } }`,
      { u: ADMIN.username, p: ADMIN.password },
    );
    const setCookie = r.headers.get("set-cookie") ?? "";
    const pair = setCookie.split(";")[0]!;
    expect(pair).toMatch(/^gatehouse_session=/);
    return pair;
  }
});
