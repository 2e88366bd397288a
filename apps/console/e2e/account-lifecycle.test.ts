import { afterAll, beforeAll, expect, it } from "vitest";
import { type FakeResend, startFakeResend } from "../../api/test/helpers/fake-resend.js";
import type { TestServer } from "../../api/test/helpers/test-server.js";
import { type Browser, describeBrowser, openBrowser } from "./helpers/browser.js";
import { signInWithPassword, waitForPath } from "./helpers/console.js";
import { startConsoleServer } from "./helpers/server.js";

const ADMIN = { username: "life-admin", password: "life admin password" };
const SIGN_IN = `mutation($u: String!, $p: String!) { signIn(username: $u, password: $p) { token } }`;
const CREATE = `mutation($i: CreateUserInput!) { createUser(input: $i) { id } }`;

/** The account lifecycle in the console: change, forget and reset a password; edit and delete. */
describeBrowser(
  "account lifecycle (change password, forgot password, edit and delete a user)",
  () => {
    let resend: FakeResend;
    let server: TestServer;
    let browser: Browser;
    let admin: string;

    async function canSignIn(username: string, password: string): Promise<boolean> {
      const r = await server.gql(SIGN_IN, { u: username, p: password });
      return r.errors === undefined;
    }

    beforeAll(async () => {
      resend = await startFakeResend();
      server = await startConsoleServer({
        GATEHOUSE_AUTO_LOGIN: "false",
        GATEHOUSE_SUPERUSER: ADMIN.username,
        GATEHOUSE_SUPERUSER_PASSWORD: ADMIN.password,
        RESEND_API_KEY: resend.apiKey,
        RESEND_FROM: "Gatehouse <auth@example.com>",
        RESEND_BASE_URL: resend.url,
      });
      const r = await server.gql<{ signIn: { token: string } }>(SIGN_IN, {
        u: ADMIN.username,
        p: ADMIN.password,
      });
      admin = r.data!.signIn.token;
      for (const [username, email] of [
        ["ada", "ada@example.com"],
        ["bob", "bob@example.com"],
      ]) {
        const made = await server.gql(
          CREATE,
          { i: { username, email, password: "first-password-1", isActive: true } },
          { token: admin },
        );
        expect(made.errors).toBeUndefined();
      }
      browser = await openBrowser();
    });

    afterAll(async () => {
      await browser?.close();
      await server?.close();
      await resend?.close();
    });

    it("changes my own password on My account", async () => {
      const { page } = browser;
      await signInWithPassword(page, server.url, "ada", "first-password-1");
      await page.goto(`${server.url}/account`);
      await page.getByLabel("Current password").fill("not-my-password");
      await page.getByLabel("New password", { exact: true }).fill("second-password-2");
      await page.getByRole("button", { name: "Change password" }).click();
      await page
        .getByTestId("change-password-error")
        .getByText("That is not your password.")
        .waitFor();

      await page.getByLabel("Current password").fill("first-password-1");
      await page.getByLabel("New password", { exact: true }).fill("second-password-2");
      await page.getByLabel("Sign out my other sessions").check();
      await page.getByRole("button", { name: "Change password" }).click();
      await page
        .getByTestId("password-changed")
        .getByText(/other sessions were signed out/)
        .waitFor();
      expect(await canSignIn("ada", "second-password-2")).toBe(true);
      expect(await canSignIn("ada", "first-password-1")).toBe(false);
    });

    it("forgot password: the reset link from the mail leads to a new password", async () => {
      const { page, context } = browser;
      await context.clearCookies();
      await page.goto(`${server.url}/login`);
      await page.getByRole("button", { name: "Forgot password?" }).click();
      await page.locator("#forgot-login").fill("ada@example.com");
      await page.getByRole("button", { name: "Email me a reset link" }).click();
      await page.getByTestId("forgot-sent").waitFor();
      const [mail] = await resend.waitForMessages(1);
      expect(mail!.to).toEqual(["ada@example.com"]);

      await page.goto(resend.linkIn(mail!));
      await page.getByTestId("preview-username").getByText("ada").waitFor();
      await page.getByTestId("redeem-button").click();
      await page.getByRole("heading", { name: "Set a new password" }).waitFor();
      // The spent token left the address bar.
      expect(page.url()).not.toContain("token=");
      await page.getByLabel("New password", { exact: true }).fill("third-password-3");
      await page.getByLabel("New password (again)").fill("third-password-3");
      await page.getByRole("button", { name: "Save new password" }).click();
      await waitForPath(page, "/account");
      expect(await canSignIn("ada", "third-password-3")).toBe(true);
    });

    it("a superuser edits a user, then deletes them after typing the username", async () => {
      const { page, context } = browser;
      await context.clearCookies();
      await signInWithPassword(page, server.url, ADMIN.username, ADMIN.password);
      const bob = await server.app.services.users.findByUsername("bob");
      await page.goto(`${server.url}/admin/users/${bob!.id}`);
      await page.getByRole("heading", { name: /^bob/ }).waitFor();

      await page.getByRole("button", { name: "Edit", exact: true }).click();
      const edit = page.getByRole("dialog", { name: "Edit bob" });
      await edit.getByLabel("Username").fill("bobby");
      await edit.getByLabel("Email").fill("bobby@example.com");
      await edit.getByLabel("Display name").fill(" Bob Builder ");
      await edit.getByRole("button", { name: "Save" }).click();
      await page.getByRole("heading", { name: /^bobby/ }).waitFor();
      await page.getByText("bobby@example.com (not verified)").waitFor();
      await page
        .getByTestId("user-display-name")
        .getByText("Bob Builder", { exact: true })
        .waitFor();

      await page.getByRole("button", { name: "Delete user…" }).click();
      const dialog = page.getByRole("dialog", { name: "Delete bobby" });
      const confirm = dialog.getByRole("button", { name: "Delete user" });
      await dialog.getByLabel("Type bobby to confirm").fill("bob");
      expect(await confirm.isDisabled()).toBe(true);
      await dialog.getByLabel("Type bobby to confirm").fill("bobby");
      await confirm.click();
      await waitForPath(page, "/admin");
      expect(await server.app.services.users.findById(bob!.id)).toBeNull();
    });
  },
);
