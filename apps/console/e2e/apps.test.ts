import { afterAll, beforeAll, expect, it } from "vitest";
import type { TestServer } from "../../api/test/helpers/test-server.js";
import { type Browser, describeBrowser, openBrowser, screenshot } from "./helpers/browser.js";
import { waitForPath } from "./helpers/console.js";
import { startConsoleServer } from "./helpers/server.js";

const DECLARED = JSON.stringify([
  { name: "Declared Wiki", hosts: ["wiki.example.com"], access: "GROUPS", groups: ["readers"] },
]);

interface App {
  name: string;
  hosts: string[];
  access: string;
  groupNames: string[];
  declared: boolean;
}

describeBrowser("the Apps page", () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startConsoleServer({ GATEHOUSE_AUTO_LOGIN: "true", GATEHOUSE_APPS: DECLARED });
    await server.app.database.dataSource.query(
      `INSERT INTO groups (name, name_key) VALUES ('Engineering', 'engineering'), ('Ops', 'ops')`,
    );
    browser = await openBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const stored = async () =>
    (
      await server.gql<{ apps: App[] }>(`{ apps { name hosts access groupNames declared } }`)
    ).data!.apps.filter((a) => !a.declared);

  it("shows the declared app read-only", async () => {
    const { page } = browser;
    await page.goto(`${server.url}/`);
    await page.getByRole("link", { name: "Apps" }).click();
    await waitForPath(page, "/apps");
    const row = page.locator('[data-testid="app-row"][data-app="Declared Wiki"]');
    await row.getByText("declared in configuration").waitFor();
    await row.getByText("read-only").waitFor();
    expect(await row.getByRole("button").count()).toBe(0);
    expect(await row.getByTestId("app-groups").textContent()).toBe("readers");
  });

  it("creates an app with a group rule, showing the server's errors by field", async () => {
    const { page } = browser;
    await page.getByRole("button", { name: "New app" }).click();
    const dialog = page.getByRole("dialog", { name: "New app" });
    await dialog.getByLabel("Name").fill("Chat");
    await dialog.getByLabel("Hosts").fill("https://chat.example.com");
    await dialog.getByLabel("Members of listed groups").check();
    await dialog.getByRole("textbox", { name: "Groups" }).fill("engineering, ops");
    await dialog.getByRole("button", { name: "Save" }).click();
    await dialog.getByText(/has a scheme/).waitFor();
    expect(await dialog.getByLabel("Hosts").getAttribute("aria-invalid")).toBe("true");

    await dialog.getByLabel("Hosts").fill("chat.example.com\n*.chat.example.com");
    await dialog.getByRole("button", { name: "Save" }).click();
    await page.getByText('Created "Chat".').waitFor();
    const row = page.locator('[data-testid="app-row"][data-app="Chat"]');
    await row.getByTestId("app-groups").getByText("Engineering, Ops").waitFor();
    await screenshot(page, "apps");
    expect(await stored()).toEqual([
      {
        name: "Chat",
        hosts: ["chat.example.com", "*.chat.example.com"],
        access: "GROUPS",
        groupNames: ["Engineering", "Ops"],
        declared: false,
      },
    ]);
  });

  it("edits it", async () => {
    const { page } = browser;
    const row = page.locator('[data-testid="app-row"][data-app="Chat"]');
    await row.getByRole("button", { name: "Edit Chat" }).click();
    const dialog = page.getByRole("dialog", { name: "Edit Chat" });
    expect(await dialog.getByLabel("Hosts").inputValue()).toBe(
      "chat.example.com\n*.chat.example.com",
    );
    await dialog.getByLabel("Name").fill("Team Chat");
    await dialog.getByLabel("Superusers only").check();
    await dialog.getByRole("button", { name: "Save" }).click();
    await page.getByText('Saved "Team Chat".').waitFor();
    const edited = page.locator('[data-testid="app-row"][data-app="Team Chat"]');
    await edited.getByTestId("app-access").getByText("Superusers only").waitFor();
    expect((await stored())[0]).toMatchObject({ name: "Team Chat", access: "SUPERUSERS" });
  });

  it("deletes it after confirming", async () => {
    const { page } = browser;
    const row = page.locator('[data-testid="app-row"][data-app="Team Chat"]');
    await row.getByRole("button", { name: "Delete Team Chat" }).click();
    const dialog = page.getByRole("dialog", { name: "Delete app" });
    await dialog.getByRole("button", { name: "Delete" }).click();
    await page.getByText('Deleted "Team Chat".').waitFor();
    await row.waitFor({ state: "detached" });
    expect(await stored()).toEqual([]);
    await page.locator('[data-testid="app-row"][data-app="Declared Wiki"]').waitFor();
  });
});
