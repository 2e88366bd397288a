import { afterAll, beforeAll, expect, it } from "vitest";
import type { TestServer } from "../../api/test/helpers/test-server.js";
import { type Browser, describeBrowser, openBrowser, screenshot } from "./helpers/browser.js";
import { signInWithPassword, waitForPath } from "./helpers/console.js";
import { startConsoleServer } from "./helpers/server.js";

const ADMIN = { username: "keys-admin", password: "keys admin password 1" };

/** `me` over /graphql with a key, from outside the browser: the username, or null. */
async function meWithKey(
  server: TestServer,
  headers: Record<string, string>,
): Promise<string | null> {
  const res = await fetch(`${server.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ query: "{ me { username } }" }),
  });
  const body = (await res.json()) as { data?: { me: { username: string } | null } };
  return body.data?.me?.username ?? null;
}

describeBrowser("console: API keys and service accounts", () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startConsoleServer({
      GATEHOUSE_AUTO_LOGIN: "false",
      GATEHOUSE_SUPERUSER: ADMIN.username,
      GATEHOUSE_SUPERUSER_PASSWORD: ADMIN.password,
    });
    browser = await openBrowser();
    await signInWithPassword(browser.page, server.url, ADMIN.username, ADMIN.password);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("creates a key on My account, shows it once, and the key works until revoked", async () => {
    const { page } = browser;
    await page.goto(`${server.url}/account`);
    const section = page.getByRole("region", { name: "API keys" });
    await section.getByText("No API keys.").waitFor();
    await section.getByLabel("Key name").fill("deploy script");
    await section.getByRole("button", { name: "Create API key" }).click();
    const shown = section.getByTestId("created-api-key");
    await shown.getByText(/shown this once/).waitFor();
    const key = await shown.getByLabel("Your new API key").inputValue();
    expect(key).toMatch(/^gatehouse_/);
    const row = section.locator('[data-testid="api-key-row"][data-name="deploy script"]');
    await row.waitFor();
    expect(await row.textContent()).toContain(key.slice(0, 18));
    await screenshot(page, "api-keys");

    expect(await meWithKey(server, { "x-api-key": key })).toBe(ADMIN.username);
    expect(await meWithKey(server, { authorization: `Bearer ${key}` })).toBe(ADMIN.username);

    // Shown once: after Done (or a reload) the key is nowhere in the page.
    await shown.getByRole("button", { name: "Done" }).click();
    await page.reload();
    await row.waitFor();
    expect(await page.content()).not.toContain(key.slice(10));

    await row.getByRole("button", { name: "Revoke API key deploy script" }).click();
    await page
      .getByRole("dialog", { name: "Revoke API key" })
      .getByRole("button", { name: "Revoke" })
      .click();
    await section.getByText("No API keys.").waitFor();
    expect(await meWithKey(server, { "x-api-key": key })).toBeNull();
  });

  it("creates a service account with a key from the Users page", async () => {
    const { page } = browser;
    await page.goto(`${server.url}/admin`);
    await page.getByRole("button", { name: "New service account" }).click();
    const dialog = page.getByRole("dialog", { name: "New service account" });
    await dialog.getByLabel("Username").fill("build-bot");
    await dialog.getByLabel(/Description/).fill("CI pipeline");
    await dialog.getByRole("button", { name: "Create" }).click();
    await page.waitForURL((u) => u.pathname.startsWith("/admin/users/"));
    await page.getByTestId("service-account-badge").waitFor();

    const section = page.getByRole("region", { name: "API keys" });
    await section.getByLabel("Key name").fill("pipeline");
    await section.getByRole("button", { name: "Create API key" }).click();
    const key = await section.getByLabel("Your new API key").inputValue();
    await section.locator('[data-testid="api-key-row"][data-name="pipeline"]').waitFor();
    expect(await meWithKey(server, { "x-api-key": key })).toBe("build-bot");

    // The Users list marks it.
    await page.goto(`${server.url}/admin`);
    await waitForPath(page, "/admin");
    await page.getByTestId("service-account-badge").first().waitFor();
    expect(browser.problems).toEqual([]);
  });
});
