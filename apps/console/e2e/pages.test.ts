import type { Locator } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { TestServer } from "../../api/test/helpers/test-server.js";
import { type Browser, describeBrowser, openBrowser, screenshot } from "./helpers/browser.js";
import { runAction, signInWithPassword, waitForPath } from "./helpers/console.js";
import { startConsoleServer } from "./helpers/server.js";

/** Form controls and buttons with no accessible name (label, aria-label or text). */
const UNLABELLED = `[...document.querySelectorAll("input, select, textarea, button, a[href]")]
  .filter((el) => {
    if (el.type === "hidden" || el.closest("[hidden]")) return false;
    if (el.getAttribute("aria-label") || el.getAttribute("aria-labelledby")) return false;
    if ((el.tagName === "BUTTON" || el.tagName === "A") && el.textContent.trim()) return false;
    return !(el.labels && el.labels.length > 0);
  })
  .map((el) => el.outerHTML.slice(0, 120))`;

async function actionsOf(rows: Locator): Promise<(string | null)[]> {
  return Promise.all((await rows.all()).map((r) => r.getAttribute("data-action")));
}

const ADMIN = { username: "pages-admin", password: "pages admin password" };

/** Every signed-in page renders its data, on a desktop and on a 360 px wide phone. */
describeBrowser("console pages: user detail, audit log, narrow screens", () => {
  let server: TestServer;
  let desktop: Browser;
  let phone: Browser;
  let bobId: string;

  beforeAll(async () => {
    server = await startConsoleServer({
      GATEHOUSE_AUTO_LOGIN: "false",
      GATEHOUSE_SUPERUSER: ADMIN.username,
      GATEHOUSE_SUPERUSER_PASSWORD: ADMIN.password,
    });
    [desktop, phone] = await Promise.all([openBrowser(), openBrowser({ width: 360, height: 740 })]);
    await signInWithPassword(desktop.page, server.url, ADMIN.username, ADMIN.password);
  });

  afterAll(async () => {
    await desktop?.close();
    await phone?.close();
    await server?.close();
  });

  it("user detail shows profile, sessions, latest link and events; revoke works", async () => {
    const { page } = desktop;
    await page.goto(`${server.url}/admin`);
    await page.getByRole("button", { name: "New User" }).click();
    const dialog = page.getByRole("dialog", { name: "New User" });
    await dialog.getByLabel("Username").fill("bob");
    await dialog.getByLabel("Password", { exact: true }).fill("bob-password-1");
    await dialog.getByLabel(/^Email/).fill("bob@example.com");
    await dialog.getByLabel(/^Active/).check();
    await dialog.getByRole("button", { name: "Save" }).click();
    await dialog.waitFor({ state: "hidden" });

    // The server has the last word: the same username again is refused with its reason.
    await page.getByRole("button", { name: "New User" }).click();
    await dialog.getByLabel("Username").fill("bob");
    await dialog.getByLabel("Password", { exact: true }).fill("another-password");
    await dialog.getByRole("button", { name: "Save" }).click();
    await dialog.getByTestId("new-user-error").waitFor();
    expect(await dialog.getByTestId("new-user-error").textContent()).toMatch(/bob|taken|exists/i);
    await dialog.getByRole("button", { name: "Cancel" }).click();

    // Bulk results are per row: removing the flag from the only superuser fails for that row
    // while bob (no superuser) goes through.
    await page.getByRole("checkbox", { name: "Select all users on this page" }).check();
    await runAction(page, "Remove superuser");
    const results = page.getByTestId("bulk-results");
    await results.getByText(/1 done, 1 failed/).waitFor();
    await results.locator('li[data-ok="false"]', { hasText: ADMIN.username }).waitFor();
    await results.locator('li[data-ok="true"]', { hasText: "bob" }).waitFor();
    await results.getByRole("button", { name: "Dismiss" }).click();
    await page.getByRole("checkbox", { name: "Select all users on this page" }).uncheck();

    // Bob signs in from the phone, so he has a session the admin can see and revoke.
    await signInWithPassword(phone.page, server.url, "bob", "bob-password-1");

    await page.getByRole("link", { name: "bob", exact: true }).click();
    await page.getByRole("heading", { name: /^bob/ }).waitFor();
    bobId = new URL(page.url()).pathname.split("/").pop()!;
    expect(await page.getByTestId("user-status").textContent()).toBe("Active");
    await page.getByRole("button", { name: "Get email login URL" }).click();
    await page.getByTestId("login-url").getByRole("textbox").waitFor();
    await page
      .getByTestId("link-delivery")
      .getByText("Not emailed: shown to an administrator to hand over")
      .waitFor();
    await page.getByTestId("user-audit-row").filter({ hasText: "user.created" }).waitFor();
    const rows = page.getByTestId("session-row");
    await rows.first().waitFor();
    expect(await rows.count()).toBe(1);
    await screenshot(page, "user-detail");

    await page.getByRole("button", { name: /^Revoke session/ }).click();
    await page
      .getByRole("dialog", { name: "Revoke this session?" })
      .getByRole("button", { name: "Revoke session" })
      .click();
    await page.getByText("No active sessions.").waitFor();
    // Bob's phone is signed out at his next request.
    await phone.page.getByRole("link", { name: "My account" }).click();
    await waitForPath(phone.page, "/login");
  });

  it("audit log lists events newest first and filters by action", async () => {
    const { page } = desktop;
    await page.getByRole("link", { name: "Audit log" }).click();
    await waitForPath(page, "/audit");
    const rows = page.getByTestId("audit-row");
    await rows.first().waitFor();
    const actions = await actionsOf(rows);
    expect(actions).toContain("user.created");
    expect(actions).toContain("session.revoked");
    const times = await Promise.all((await rows.all()).map((r) => r.getAttribute("data-at")));
    const ms = times.map((t) => Date.parse(t!));
    expect(ms).toEqual([...ms].sort((x, y) => y - x));
    await screenshot(page, "audit");

    await page.getByLabel("Action contains").fill("user.created");
    await expect
      .poll(async () => new Set(await actionsOf(rows)), { timeout: 10_000 })
      .toEqual(new Set(["user.created"]));
    const filtered = await actionsOf(rows);
    expect(filtered.length).toBeGreaterThan(0);
    expect(new Set(filtered)).toEqual(new Set(["user.created"]));
    expect(
      await rows.first().getByTestId("audit-target").locator("a").getAttribute("href"),
    ).toMatch(/^\/admin\/users\//);
    expect(bobId).toBeTruthy();
  });

  it("fits a 360 px screen without sideways scrolling", async () => {
    const { page } = phone;
    await signInWithPassword(page, server.url, ADMIN.username, ADMIN.password);
    for (const path of [
      "/",
      "/admin",
      `/admin/users/${bobId}`,
      "/account",
      "/security",
      "/audit",
      "/oidc-clients",
    ]) {
      await page.goto(`${server.url}${path}`);
      await page.locator("main h1").first().waitFor();
      await page.waitForLoadState("networkidle", { timeout: 120_000 });
      const overflow = await page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth",
      );
      expect(overflow, `horizontal overflow on ${path}`).toBeLessThanOrEqual(0);
      expect(await page.evaluate(UNLABELLED), `unlabelled controls on ${path}`).toEqual([]);
    }
    await page.goto(`${server.url}/admin`);
    await page.getByTestId("user-row").first().waitFor();
    await screenshot(page, "admin-mobile");
  });

  it("my account marks this device and signs out everywhere", async () => {
    const { page } = desktop;
    // A second session for the same admin, from an API client.
    const api = await server.gql(
      `mutation($u: String!, $p: String!) { signIn(username: $u, password: $p) { expiresAt } }`,
      { u: ADMIN.username, p: ADMIN.password },
    );
    expect(api.errors).toBeUndefined();
    const cookie = (api.headers.get("set-cookie") ?? "").split(";")[0]!;

    await page.goto(`${server.url}/account`);
    const rows = page.getByTestId("session-row");
    // The page loads several lists at once; on a busy machine that takes more than poll's 1 s.
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
    const current = page.locator('[data-testid="session-row"][data-current="true"]');
    expect(await current.count()).toBe(1);
    await current.getByText("This device").waitFor();

    await page.getByRole("button", { name: "Sign out everywhere" }).click();
    await page
      .getByRole("dialog", { name: "Sign out everywhere?" })
      .getByRole("button", { name: "Sign out everywhere" })
      .click();
    await waitForPath(page, "/login");
    await page.getByTestId("login-notice").getByText("You are signed out.").waitFor();
    // The API client's session ended too.
    const me = await server.gql<{ me: unknown }>("{ me { id } }", {}, { cookie });
    expect(me.data?.me ?? null).toBeNull();
  });

  it("pages through users with cursors and searches as you type (debounced)", async () => {
    const { page } = desktop;
    await signInWithPassword(page, server.url, ADMIN.username, ADMIN.password);
    const cookie = (await desktop.context.cookies()).find((c) => c.name === "gatehouse_session")!;
    for (let i = 0; i < 27; i++) {
      const r = await server.gql(
        `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`,
        {
          input: { username: `member-${String(i).padStart(2, "0")}`, password: "member password" },
        },
        { cookie: `${cookie.name}=${cookie.value}` },
      );
      expect(r.errors).toBeUndefined();
    }
    await page.goto(`${server.url}/admin`);
    const count = page.getByTestId("user-count");
    await count.getByText(/^1–25 of 29 users/).waitFor();
    await page.getByRole("button", { name: "Next" }).click();
    await count.getByText(/^26–29 of 29 users/).waitFor();
    expect(await page.getByTestId("user-row").count()).toBe(4);
    expect(await page.getByRole("button", { name: "Next" }).isDisabled()).toBe(true);
    await page.getByRole("button", { name: "Previous" }).click();
    await count.getByText(/^1–25 of 29 users/).waitFor();

    const searches: string[] = [];
    page.on("request", (req) => {
      const body = req.postData() ?? "";
      if (req.url().endsWith("/graphql") && body.includes('"operationName":"Users"')) {
        searches.push(JSON.parse(body).variables.search ?? "");
      }
    });
    await page.getByLabel("Search").pressSequentially("member-1");
    await count.getByText(/of 10 users/).waitFor();
    // Eight keystrokes, but requests only for settled terms (a slow machine may pause once).
    expect(searches.at(-1)).toBe("member-1");
    expect(searches.length).toBeLessThan(3);
  });
});
