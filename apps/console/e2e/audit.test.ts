import { readFileSync } from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { TestServer } from "../../api/test/helpers/test-server.js";
import { type Browser, describeBrowser, openBrowser } from "./helpers/browser.js";
import { signInWithPassword } from "./helpers/console.js";
import { startConsoleServer } from "./helpers/server.js";

const ADMIN = { username: "audit-admin", password: "audit admin password" };

/** The audit page names people, filters, and exports what it filters as a CSV file. */
describeBrowser("audit log page", () => {
  let server: TestServer;
  let browser: Browser;
  let erinId: string;

  beforeAll(async () => {
    server = await startConsoleServer({
      GATEHOUSE_AUTO_LOGIN: "false",
      GATEHOUSE_SUPERUSER: ADMIN.username,
      GATEHOUSE_SUPERUSER_PASSWORD: ADMIN.password,
    });
    const signIn = await server.gql<{ signIn: { token: string } }>(
      `mutation($u: String!, $p: String!) { signIn(username: $u, password: $p) { token } }`,
      { u: ADMIN.username, p: ADMIN.password },
    );
    const token = signIn.data!.signIn.token;
    const create = async (username: string) => {
      const r = await server.gql<{ createUser: { id: string } }>(
        `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`,
        { input: { username, password: `${username}-password-1`, isActive: true } },
        { token },
      );
      expect(r.errors).toBeUndefined();
      return r.data!.createUser.id;
    };
    erinId = await create("erin");
    const frankId = await create("frank");
    const del = await server.gql(
      `mutation($id: ID!) { deleteUser(userId: $id, confirmUsername: "frank") }`,
      { id: frankId },
      { token },
    );
    expect(del.errors).toBeUndefined();
    // A detail written as JSON (as some older rows are) and one a spreadsheet would run.
    await server.app.services.audit.record({
      action: "test.json_detail",
      targetId: erinId,
      detail: '{"reason":"manual check","attempts":3}',
    });
    browser = await openBrowser();
    await signInWithPassword(browser.page, server.url, ADMIN.username, ADMIN.password);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("names actor and target, links live users, keeps deleted ones, reads details", async () => {
    const { page } = browser;
    await page.goto(`${server.url}/audit`);
    const rows = page.getByTestId("audit-row");
    const created = rows.filter({ hasText: "user.created" }).filter({ hasText: "erin" });
    await created.first().waitFor();
    const target = created.first().getByTestId("audit-target");
    expect(await target.getByRole("link", { name: "erin" }).getAttribute("href")).toBe(
      `/admin/users/${erinId}`,
    );
    const actor = created.first().getByTestId("audit-actor");
    await actor.getByRole("link", { name: ADMIN.username }).waitFor();

    const deleted = rows.filter({ hasText: "user.deleted" }).first();
    const gone = deleted.getByTestId("audit-target");
    expect((await gone.textContent())?.trim()).toBe("frank (deleted)");
    expect(await gone.locator("a").count()).toBe(0);

    const json = rows.filter({ hasText: "test.json_detail" }).first().getByTestId("audit-detail");
    expect((await json.textContent())?.trim()).toBe("reason: manual check · attempts: 3");
  });

  it("filters by user, action and dates; the CSV holds what the filter shows", async () => {
    const { page } = browser;
    await page.goto(`${server.url}/audit`);
    const rows = page.getByTestId("audit-row");
    await rows.first().waitFor();

    await page.getByLabel("User", { exact: true }).fill("Frank");
    await expect
      .poll(async () => (await rows.allTextContents()).every((t) => t.includes("frank")))
      .toBe(true);
    const actions = async () =>
      Promise.all((await rows.all()).map((r) => r.getAttribute("data-action")));
    await expect
      .poll(async () => new Set(await actions()))
      .toEqual(new Set(["user.created", "user.deleted"]));

    await page.getByLabel("Action contains").fill("DELETED");
    await expect.poll(actions).toEqual(["user.deleted"]);

    // The whole match, as a file, through the browser's own download with its cookie.
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Export CSV" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^gatehouse-audit-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync((await download.path())!, "utf8").replace(/^\uFEFF/, "");
    const lines = csv.trim().split("\r\n");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(",user.deleted,");
    expect(lines[1]).toContain(",frank,");

    // A date range that ends before today shows nothing; one that includes today, the row.
    await page.getByLabel("To (inclusive)").fill("2000-01-01");
    await page.getByText("No events match these filters.").waitFor();
    const today = new Date();
    const ymd = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, "0")}-${String(today.getDate()).padStart(2, "0")}`;
    await page.getByLabel("To (inclusive)").fill(ymd);
    await page.getByLabel("From").fill(ymd);
    await expect.poll(actions).toEqual(["user.deleted"]);

    await page.getByRole("button", { name: "Clear filters" }).click();
    await expect.poll(async () => (await actions()).length).toBeGreaterThan(3);
    expect(browser.problems).toEqual([]);
  });
});
