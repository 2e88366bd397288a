import { afterAll, beforeAll, expect, it } from "vitest";
import { type FakeGoogle, startFakeGoogle } from "../../api/test/helpers/fake-google.js";
import type { TestServer } from "../../api/test/helpers/test-server.js";
import { type Browser, describeBrowser, openBrowser, screenshot } from "./helpers/browser.js";
import { signInWithPassword, waitForPath } from "./helpers/console.js";
import { startConsoleServer } from "./helpers/server.js";

const ADMIN = { username: "self-admin", password: "self admin password" };
const USER = { username: "sam-self", password: "Tarn-Gravel-Orbit-42" };
const SIGN_IN = `mutation($u: String!, $p: String!) { signIn(username: $u, password: $p) { token } }`;

/** My account: profile and every way in side by side; Google unlink only while another remains. */
describeBrowser("My account: sign-in methods", () => {
  let google: FakeGoogle;
  let server: TestServer;
  let browser: Browser;
  let admin: string;
  let userId: string;

  beforeAll(async () => {
    google = await startFakeGoogle();
    server = await startConsoleServer({
      GATEHOUSE_AUTO_LOGIN: "false",
      GATEHOUSE_SUPERUSER: ADMIN.username,
      GATEHOUSE_SUPERUSER_PASSWORD: ADMIN.password,
      ...google.env(),
    });
    const s = await server.gql<{ signIn: { token: string } }>(SIGN_IN, {
      u: ADMIN.username,
      p: ADMIN.password,
    });
    admin = s.data!.signIn.token;
    const made = await server.gql<{ createUser: { id: string } }>(
      `mutation($i: CreateUserInput!) { createUser(input: $i) { id } }`,
      { i: { ...USER, isActive: true } },
      { token: admin },
    );
    expect(made.errors).toBeUndefined();
    userId = made.data!.createUser.id;
    // Linked earlier through the Google flow (google.test.ts drives that part).
    await server.app.database.dataSource.query(
      `UPDATE users SET google_subject = 'sam-google-sub' WHERE id = $1`,
      [userId],
    );
    browser = await openBrowser();
    await signInWithPassword(browser.page, server.url, USER.username, USER.password);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await google?.close();
  });

  const method = (name: string) =>
    browser.page.locator(`[data-testid="sign-in-method"][data-method="${name}"]`);

  it("shows the profile and each sign-in method with what it needs", async () => {
    const { page } = browser;
    await page.getByRole("link", { name: "My account" }).click();
    await waitForPath(page, "/account");
    expect(await page.getByTestId("my-methods").textContent()).toBe("Password, Google");
    const card = page.getByRole("region", { name: "Sign-in methods" });
    await card.waitFor();
    expect(await method("Password").textContent()).toContain("Set");
    expect(await method("Email link").textContent()).toContain("No email address");
    expect(await method("Google").getByTestId("google-link-status").textContent()).toBe("Linked");
    expect(await method("Google").getByRole("button", { name: "Unlink Google" }).isEnabled()).toBe(
      true,
    );
    await screenshot(page, "account-sign-in-methods");
  });

  it("edits my display name, which stays after a reload; empty goes back to the username", async () => {
    const { page } = browser;
    const field = page.getByLabel("Display name", { exact: true });
    const shown = page.getByTestId("my-display-name-shown");
    expect(await shown.textContent()).toBe("—");
    await field.fill("x".repeat(101));
    await page.getByRole("button", { name: "Save display name" }).click();
    await page.getByText("Display name must be at most 100 characters.").first().waitFor();
    await field.fill("  Sam Selfridge ");
    await page.getByRole("button", { name: "Save display name" }).click();
    await page.getByTestId("display-name-saved").waitFor();
    await shown.filter({ hasText: /^Sam Selfridge$/ }).waitFor();
    await page.reload();
    await shown.waitFor();
    expect(await shown.textContent()).toBe("Sam Selfridge");
    expect(await field.inputValue()).toBe("Sam Selfridge");
    const row = await server.app.database.dataSource.query(
      `SELECT display_name FROM users WHERE id = $1`,
      [userId],
    );
    expect(row[0].display_name).toBe("Sam Selfridge");
    await field.fill("");
    await page.getByRole("button", { name: "Save display name" }).click();
    await shown.filter({ hasText: /^—$/ }).waitFor();
  });

  it("with Google as the only way in, Unlink is off and says what to do first", async () => {
    const { page } = browser;
    const removed = await server.gql(
      `mutation($id: ID!) { removePassword(userId: $id, force: true) { hasPassword } }`,
      { id: userId },
      { token: admin },
    );
    expect(removed.errors).toBeUndefined();
    await page.reload();
    await method("Password").getByText("Not set").waitFor();
    expect(await page.getByTestId("my-methods").textContent()).toBe("Google");
    const unlink = method("Google").getByRole("button", { name: "Unlink Google" });
    expect(await unlink.isDisabled()).toBe(true);
    await method("Google")
      .getByText(/only way to sign in: set a password or add an email/)
      .waitFor();
    // The server holds the same rule.
    const tried = await server.gql(
      `mutation { unlinkGoogle { googleLinked } }`,
      {},
      {
        token: (
          await server.app.services.sessions.start(userId, {
            ip: "127.0.0.1",
            userAgent: null,
            secure: false,
            bearerToken: null,
            sessionCookie: null,
          })
        ).token,
      },
    );
    expect(tried.errors?.[0]?.message).toMatch(/only way to sign in/);
  });
});
