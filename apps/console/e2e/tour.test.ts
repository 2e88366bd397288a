import { afterAll, beforeAll, expect, it } from "vitest";
import type { TestServer } from "../../api/test/helpers/test-server.js";
import { type Browser, describeBrowser, openBrowser, screenshot } from "./helpers/browser.js";
import {
  openProfileMenu,
  runAction,
  selectUser,
  sessionCookie,
  waitForPath,
} from "./helpers/console.js";
import { startConsoleServer } from "./helpers/server.js";

const ADMIN = { username: "root-admin", password: "correct horse battery" };
const ALICE = { username: "alice", password: "alice-password-1", email: "alice@example.com" };

/**
 * The whole story of issue 6, in two browsers with separate cookie jars: the admin's and
 * the new user's. Each step depends on the one before, so they run as one sequence.
 */
describeBrowser("console tour: admin creates, activates and hands a link to a user", () => {
  let server: TestServer;
  let admin: Browser;
  let user: Browser;

  beforeAll(async () => {
    server = await startConsoleServer({
      GATEHOUSE_AUTO_LOGIN: "false",
      GATEHOUSE_SUPERUSER: ADMIN.username,
      GATEHOUSE_SUPERUSER_PASSWORD: ADMIN.password,
      GATEHOUSE_NEW_USER_IS_ACTIVE: "false",
    });
    [admin, user] = await Promise.all([openBrowser(), openBrowser()]);
  });

  afterAll(async () => {
    await admin?.close();
    await user?.close();
    await server?.close();
  });

  it("walks through sign-in, user creation, activation, a login URL and deactivation", async () => {
    const a = admin.page;
    const u = user.page;

    // 1. The console sends a signed-out visitor to the sign-in page.
    await a.goto(`${server.url}/admin`);
    await waitForPath(a, "/login");
    await a.getByRole("heading", { name: /Sign in to/ }).waitFor();
    await screenshot(a, "login");

    // 2. The env superuser signs in and lands where they wanted to go.
    await a.getByLabel("Username or email").fill(ADMIN.username);
    await a.getByLabel("Password", { exact: true }).fill(ADMIN.password);
    await a.getByRole("button", { name: "Sign in", exact: true }).click();
    await waitForPath(a, "/admin");
    const adminCookie = await sessionCookie(admin.context);
    expect(adminCookie?.httpOnly).toBe(true);
    expect(await a.evaluate("document.cookie")).not.toContain("gatehouse_session");

    // 3. "Admin Page" is in the profile menu for a superuser.
    await a.goto(`${server.url}/`);
    const menu = await openProfileMenu(a);
    await menu.getByRole("menuitem", { name: "Admin Page" }).waitFor();
    // Keyboard: focus starts on the first choice; ArrowDown reaches "Admin Page".
    await expect.poll(() => a.evaluate("document.activeElement?.textContent")).toBe("My account");
    await a.keyboard.press("ArrowDown");
    expect(await a.evaluate("document.activeElement?.textContent")).toBe("Admin Page");
    await a.keyboard.press("Enter");
    await waitForPath(a, "/admin");
    await a.getByTestId("user-row").first().waitFor();

    // 4. New User: the shared rules reject a short password before anything is sent.
    await a.getByRole("button", { name: "New User" }).click();
    const dialog = a.getByRole("dialog", { name: "New User" });
    await dialog.getByLabel("Username").fill(ALICE.username);
    await dialog.getByLabel("Password", { exact: true }).fill("short");
    await dialog.getByLabel(/^Email/).fill(ALICE.email);
    expect(await dialog.getByLabel(/^Active/).isChecked()).toBe(false);
    await dialog.getByRole("button", { name: "Save" }).click();
    await dialog.getByText(/Password must be at least 8 characters/).waitFor();
    await screenshot(a, "new-user-dialog");
    await dialog.getByLabel("Password", { exact: true }).fill(ALICE.password);
    await dialog.getByRole("button", { name: "Save" }).click();
    await dialog.waitFor({ state: "hidden" });
    const aliceRow = a.locator('[data-testid="user-row"][data-username="alice"]');
    await aliceRow.getByText("Inactive").waitFor();

    // 5. While inactive, alice cannot sign in, and is told why.
    await u.goto(`${server.url}/login`);
    await u.getByLabel("Username or email").fill(ALICE.username);
    await u.getByLabel("Password", { exact: true }).fill(ALICE.password);
    await u.getByRole("button", { name: "Sign in", exact: true }).click();
    await u
      .getByTestId("signin-error")
      .getByText(/waiting for an administrator/)
      .waitFor();
    expect(await sessionCookie(user.context)).toBeUndefined();

    // 6. The admin finds her with the pending filter and activates her.
    await a.getByRole("button", { name: "Show pending accounts" }).click();
    await aliceRow.waitFor();
    expect(await a.getByLabel("Status").inputValue()).toBe("no");
    await selectUser(a, ALICE.username);
    await runAction(a, "Activate");
    await a
      .getByTestId("bulk-results")
      .getByText(/alice.*Activated/)
      .waitFor();
    await a.getByLabel("Status").selectOption("any");
    await aliceRow.waitFor();
    expect(await aliceRow.getByText("Inactive").count()).toBe(0);

    // 7. Get email login URL: the URL appears at the top with its expiry.
    await a.getByLabel("Search").fill("ali");
    await a
      .getByTestId("user-count")
      .getByText(/of 1 user$/)
      .waitFor();
    await selectUser(a, ALICE.username);
    await runAction(a, "Get email login URL");
    const panel = a.locator('[data-testid="login-url"][data-username="alice"]');
    await panel.getByText(/Expires in/).waitFor();
    const loginUrl = await panel.getByRole("textbox").inputValue();
    expect(loginUrl).toMatch(/\/auth\/magic\?token=[A-Za-z0-9_-]{43}$/);
    await screenshot(a, "admin");

    // 8. Opening the link shows who signs in, and does not use it up.
    await u.goto(loginUrl);
    await u.getByTestId("preview-username").getByText(ALICE.username).waitFor();
    await u.reload();
    await u.getByTestId("preview-username").getByText(ALICE.username).waitFor();
    expect(await sessionCookie(user.context)).toBeUndefined();
    await screenshot(u, "magic-link-landing");

    // 9. The click signs alice in; she is no superuser, so there is no Admin Page.
    await u.getByTestId("redeem-button").click();
    await u.locator(".profile-name", { hasText: ALICE.username }).waitFor();
    expect(new URL(u.url()).pathname).toBe("/");
    expect((await sessionCookie(user.context))?.httpOnly).toBe(true);
    const userMenu = await openProfileMenu(u);
    await userMenu.getByRole("menuitem", { name: "My account" }).waitFor();
    expect(await userMenu.getByRole("menuitem", { name: "Admin Page" }).count()).toBe(0);
    expect(await u.getByRole("link", { name: "Users" }).count()).toBe(0);
    await u.keyboard.press("Escape");

    // 10. The same link a second time lands on /login with the message. No mail here: it
    // sends her to the administrator, not to an email box that would send nothing.
    await u.goto(loginUrl);
    await waitForPath(u, "/login");
    const notice = u.getByTestId("login-notice");
    await notice.getByText(/already used or has expired/).waitFor();
    expect(await notice.textContent()).toMatch(/ask your administrator for a new sign-in link/);
    expect(await notice.textContent()).not.toMatch(/enter your email|sent you|send you/i);
    await screenshot(u, "login-link-used");
    await u.getByRole("link", { name: "Go to the console" }).click();
    await waitForPath(u, "/");

    // 11. The admin deactivates alice; her sessions end at once.
    await selectUser(a, ALICE.username);
    await runAction(a, "Deactivate");
    await a
      .getByTestId("bulk-results")
      .getByText(/alice.*Deactivated/)
      .waitFor();

    // 12. Alice's next action in her browser lands on /login.
    await u.getByRole("link", { name: "My account" }).click();
    await waitForPath(u, "/login");
    await u
      .getByTestId("login-notice")
      .getByText(/session has ended/)
      .waitFor();

    // 13. The admin signs out from the profile menu; the cookie is gone.
    const adminMenu = await openProfileMenu(a);
    await adminMenu.getByRole("menuitem", { name: "Sign out" }).click();
    await waitForPath(a, "/login");
    await a.getByTestId("login-notice").getByText("You are signed out.").waitFor();
    expect(await sessionCookie(admin.context)).toBeUndefined();

    expect(admin.problems).toEqual([]);
  }, 180_000);
});
