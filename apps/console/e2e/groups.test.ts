import { afterAll, beforeAll, expect, it } from "vitest";
import type { TestServer } from "../../api/test/helpers/test-server.js";
import { type Browser, describeBrowser, openBrowser, screenshot } from "./helpers/browser.js";
import { selectUser, waitForPath } from "./helpers/console.js";
import { startConsoleServer } from "./helpers/server.js";

const CREATE_USER = `mutation($u: String!) {
  createUser(input: { username: $u, password: "member-password-1", isActive: true }) { id }
}`;

describeBrowser("groups in the console", () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startConsoleServer({ GATEHOUSE_AUTO_LOGIN: "true" });
    for (const u of ["ann", "bob", "cat"]) {
      const r = await server.gql(CREATE_USER, { u });
      expect(r.errors).toBeUndefined();
    }
    browser = await openBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const members = async () => {
    const r = await server.gql<{ groups: { name: string; memberCount: number }[] }>(
      "{ groups { name memberCount } }",
    );
    return Object.fromEntries(r.data!.groups.map((g) => [g.name, g.memberCount]));
  };

  it("creates a group, adds users in bulk, filters by it, and shows it on the user", async () => {
    const { page } = browser;
    await page.goto(`${server.url}/`);
    await page.getByRole("link", { name: "Groups" }).click();
    await waitForPath(page, "/groups");
    await page.getByText("No groups yet.").waitFor();
    await page.getByRole("button", { name: "New group" }).click();
    const dialog = page.getByRole("dialog", { name: "New group" });
    await dialog.getByLabel("Name").fill("a,b");
    await dialog.getByRole("button", { name: "Save" }).click();
    await dialog.getByText(/cannot contain commas/).waitFor();
    await dialog.getByLabel("Name").fill("Research");
    await dialog.getByLabel(/Description/).fill("Lab people");
    await dialog.getByRole("button", { name: "Save" }).click();
    await page.getByText("Group Research was created.").waitFor();
    const row = page.locator('[data-testid="group-row"][data-name="Research"]');
    await row.getByText("Lab people").waitFor();
    expect(await row.getByTestId("member-count").textContent()).toBe("0");

    await page.getByRole("link", { name: "Users" }).click();
    await waitForPath(page, "/admin");
    await selectUser(page, "ann");
    await selectUser(page, "bob");
    await page.getByLabel("Action", { exact: true }).selectOption({ label: "Add to group…" });
    const go = page.getByRole("button", { name: "Go", exact: true });
    expect(await go.isDisabled()).toBe(true);
    await page.locator("#bulk-group").selectOption({ label: "Research" });
    await go.click();
    await page.getByTestId("bulk-results").getByText("Add to group…: 2 done").waitFor();
    expect(await members()).toEqual({ Research: 2 });
    const annRow = page.locator('[data-testid="user-row"][data-username="ann"]');
    await annRow.getByTestId("user-groups").getByText("Research").waitFor();
    await screenshot(page, "users-groups");

    await page.locator("#filter-group").selectOption({ label: "Research" });
    await page.getByTestId("user-count").getByText("1–2 of 2 users").waitFor();
    const rows = await page.getByTestId("user-row").all();
    const shown = await Promise.all(rows.map((r) => r.getAttribute("data-username")));
    expect(shown).toEqual(["ann", "bob"]);

    await annRow.getByRole("link", { name: "ann" }).click();
    await page.waitForURL((u) => u.pathname.startsWith("/admin/users/"));
    const onPage = page.locator('[data-testid="user-group"][data-name="Research"]');
    await onPage.waitFor();
    await page.getByRole("button", { name: "Remove from Research" }).click();
    await page.getByTestId("user-groups").getByText("Not in any group.").waitFor();
    expect(await members()).toEqual({ Research: 1 });
    await page.locator("#join-group").selectOption({ label: "Research" });
    await page.getByRole("button", { name: "Add", exact: true }).click();
    await onPage.waitFor();
    expect(await members()).toEqual({ Research: 2 });
  });

  it("manages members on the Groups page and deletes the group after confirming", async () => {
    const { page } = browser;
    await page.getByRole("link", { name: "Groups" }).click();
    await waitForPath(page, "/groups");
    const row = page.locator('[data-testid="group-row"][data-name="Research"]');
    await row.getByRole("button", { name: "Members" }).click();
    const panel = page.getByTestId("group-members");
    await panel.locator('[data-testid="member"][data-username="bob"]').waitFor();
    await panel.getByRole("button", { name: "Remove bob from Research" }).click();
    await panel
      .locator('[data-testid="member"][data-username="bob"]')
      .waitFor({ state: "detached" });
    await row.getByTestId("member-count").getByText("1", { exact: true }).waitFor();

    await panel.getByLabel("Add members").fill("ca");
    await panel.getByRole("button", { name: "Add cat" }).click();
    await panel.locator('[data-testid="member"][data-username="cat"]').waitFor();
    expect(await members()).toEqual({ Research: 2 });
    await screenshot(page, "groups");

    await row.getByRole("button", { name: "Delete" }).click();
    const confirm = page.getByRole("dialog", { name: "Delete group Research?" });
    await confirm.getByRole("button", { name: "Delete group" }).click();
    await page.getByText("Group Research was deleted.").waitFor();
    await page.getByText("No groups yet.").waitFor();
    expect(await members()).toEqual({});
  });
});
