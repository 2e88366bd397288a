import { afterAll, beforeAll, expect, it } from "vitest";
import { generateKeyText, parseKeyMaterial } from "../../api/src/features/secrets/key-material.js";
import { KeyRing } from "../../api/src/features/secrets/key-ring.js";
import type { TestServer } from "../../api/test/helpers/test-server.js";
import { type Browser, describeBrowser, openBrowser, screenshot } from "./helpers/browser.js";
import { waitForPath } from "./helpers/console.js";
import { startConsoleServer } from "./helpers/server.js";

const SECRET = "sk-live-0123456789abcdef";

describeBrowser("auto-login mode and variables", () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startConsoleServer({ GATEHOUSE_AUTO_LOGIN: "true" });
    browser = await openBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("opens straight into the console: /login is skipped", async () => {
    const { page } = browser;
    await page.goto(`${server.url}/login`);
    await waitForPath(page, "/");
    await page.getByRole("button", { name: /open profile menu/ }).waitFor();
    await page.getByRole("link", { name: "Users" }).waitFor();
  });

  it("creates a variable, keeps its value hidden until revealed, and deletes it", async () => {
    const { page } = browser;
    await page.getByRole("link", { name: "My account" }).click();
    await waitForPath(page, "/account");
    await page.getByText("No variables yet.").waitFor();

    // The page has other "Name" fields (API keys): stay inside the Variables card.
    const card = page.getByRole("region", { name: "Variables" });
    await card.getByLabel("Name").last().fill("1bad name");
    await card.getByLabel("Value").last().fill(SECRET);
    await page.getByRole("button", { name: "Add variable" }).click();
    await page.getByText(/Variable name may contain letters/).waitFor();

    await card.getByLabel("Name").last().fill("OPENAI_API_KEY");
    await page.getByRole("button", { name: "Add variable" }).click();
    await page.getByText("OPENAI_API_KEY was added.").waitFor();
    const row = page.locator('[data-testid="variable-row"][data-name="OPENAI_API_KEY"]');
    await row.waitFor();
    // Masked: the value is nowhere in the page, not even in hidden markup.
    expect(await page.content()).not.toContain(SECRET);
    await screenshot(page, "account");

    await row.getByRole("button", { name: "Reveal OPENAI_API_KEY" }).click();
    await row.getByTestId("variable-value").getByText(SECRET).waitFor();
    await row.getByRole("button", { name: "Hide OPENAI_API_KEY" }).click();
    await row.getByRole("button", { name: "Reveal OPENAI_API_KEY" }).waitFor();
    expect(await page.content()).not.toContain(SECRET);

    // Stored encrypted on the server, readable through the API by its owner.
    const vars = await server.gql<{ variables: { name: string; value: string }[] }>(
      "{ variables { name value } }",
    );
    expect(vars.data?.variables).toEqual([{ name: "OPENAI_API_KEY", value: SECRET }]);

    await row.getByRole("button", { name: "Delete OPENAI_API_KEY" }).click();
    const dialog = page.getByRole("dialog", { name: "Delete variable?" });
    await dialog.getByRole("button", { name: "Delete" }).click();
    await page.getByText("OPENAI_API_KEY was deleted.").waitFor();
    await page.getByText("No variables yet.").waitFor();
    const after = await server.gql<{ variables: unknown[] }>("{ variables { name } }");
    expect(after.data?.variables).toEqual([]);
  });

  it("marks a variable this server's keys cannot open and lists the others normally", async () => {
    const { page } = browser;
    const set = await server.gql(
      `mutation { setVariable(name: "READABLE", value: "plain value") { id } }`,
    );
    expect(set.errors).toBeUndefined();
    const ds = server.app.database.dataSource;
    const [owner] = (await ds.query(`SELECT owner_id FROM variables WHERE name = 'READABLE'`)) as {
      owner_id: string;
    }[];
    const lost = new KeyRing(parseKeyMaterial(generateKeyText(), "k"), [], false).seal("gone");
    await ds.query(
      `INSERT INTO variables (owner_id, name, ciphertext, key_fingerprint) VALUES ($1, 'FROM_ELSEWHERE', $2, $3)`,
      [owner!.owner_id, lost.ciphertext, lost.fingerprint],
    );

    await page.reload();
    const marked = page.locator('[data-testid="variable-row"][data-name="FROM_ELSEWHERE"]');
    await marked.getByTestId("variable-unreadable").waitFor();
    expect(await marked.getByTestId("variable-unreadable").textContent()).toBe(
      `Encrypted with key ${lost.fingerprint}, which this server does not have — add it to GATEHOUSE_SECRET_KEY_FALLBACKS`,
    );
    expect(await marked.getByRole("button", { name: /Reveal/ }).count()).toBe(0);
    await screenshot(page, "account-unreadable-variable");

    const readable = page.locator('[data-testid="variable-row"][data-name="READABLE"]');
    await readable.getByRole("button", { name: "Reveal READABLE" }).click();
    await readable.getByTestId("variable-value").getByText("plain value").waitFor();
    expect(await readable.getByTestId("variable-unreadable").count()).toBe(0);

    // Editing replaces it with a value under this server's key.
    await marked.getByRole("button", { name: "Edit FROM_ELSEWHERE" }).click();
    await marked.getByLabel("Value").fill("replaced here");
    await marked.getByRole("button", { name: "Save", exact: true }).click();
    await page.getByText("FROM_ELSEWHERE was updated.").waitFor();
    await marked.getByRole("button", { name: "Reveal FROM_ELSEWHERE" }).waitFor();
    expect(await marked.getByTestId("variable-unreadable").count()).toBe(0);
  });

  it("adding a name that exists is refused, keeps the old value and offers its Edit form", async () => {
    const { page } = browser;
    const set = await server.gql(`mutation { setVariable(name: "TWICE", value: "first") { id } }`);
    expect(set.errors).toBeUndefined();
    await page.reload();
    const card = page.getByRole("region", { name: "Variables" });
    const row = page.locator('[data-testid="variable-row"][data-name="TWICE"]');
    await row.waitFor();
    await card.getByLabel("Name").last().fill("TWICE");
    await card.getByLabel("Value").last().fill("second");
    await page.getByRole("button", { name: "Add variable" }).click();
    const exists = page.getByTestId("variable-exists");
    await exists.waitFor();
    expect(await exists.textContent()).toMatch(/already have a variable named TWICE/);
    expect(await page.getByText("TWICE was added.").count()).toBe(0);
    const stored = await server.gql<{ variables: { name: string; value: string }[] }>(
      "{ variables { name value } }",
    );
    expect(stored.data?.variables.find((v) => v.name === "TWICE")?.value).toBe("first");

    // "Edit TWICE" opens that variable's own form, ready for the new value.
    await exists.getByRole("button", { name: "Edit TWICE" }).click();
    const edit = row.getByRole("form", { name: "Edit TWICE" });
    await edit.waitFor();
    await expect
      .poll(() => page.evaluate("document.activeElement?.id"))
      .toBe("var-edit-TWICE-value");
    await edit.getByLabel("Value").fill("second");
    await edit.getByRole("button", { name: "Save", exact: true }).click();
    await page.getByText("TWICE was updated.").waitFor();
    const after = await server.gql<{ variables: { name: string; value: string }[] }>(
      "{ variables { name value } }",
    );
    expect(after.data?.variables.find((v) => v.name === "TWICE")?.value).toBe("second");
  });
});
