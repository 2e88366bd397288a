import { afterAll, beforeAll, expect, it } from "vitest";
import type { TestServer } from "../../api/test/helpers/test-server.js";
import { type Browser, describeBrowser, openBrowser } from "./helpers/browser.js";
import { runAction, signInWithPassword, waitForPath } from "./helpers/console.js";
import { startConsoleServer } from "./helpers/server.js";

const ADMIN = { username: "lists-admin", password: "lists admin password" };
const SIGN_IN = `mutation($u: String!, $p: String!) { signIn(username: $u, password: $p) { token } }`;
const CREATE = `mutation($i: CreateUserInput!) { createUser(input: $i) { id } }`;
const ACTIVE = `query($s: String) { users(search: $s, first: 100) { edges { node { username isActive } } } }`;

/** 30 users lst-00…lst-29; every third one (10 of them) pending. */
const COUNT = 30;
const PENDING = 10;

/** Lists keep their state in the address; "select all N matching" acts beyond the page. */
describeBrowser("list state in the URL, select all matching, page titles", () => {
  let server: TestServer;
  let browser: Browser;
  let admin: string;

  beforeAll(async () => {
    server = await startConsoleServer({
      GATEHOUSE_AUTO_LOGIN: "false",
      GATEHOUSE_SUPERUSER: ADMIN.username,
      GATEHOUSE_SUPERUSER_PASSWORD: ADMIN.password,
    });
    const r = await server.gql<{ signIn: { token: string } }>(SIGN_IN, {
      u: ADMIN.username,
      p: ADMIN.password,
    });
    admin = r.data!.signIn.token;
    for (let i = 0; i < COUNT; i++) {
      const made = await server.gql(
        CREATE,
        {
          i: {
            username: `lst-${String(i).padStart(2, "0")}`,
            password: "lst-password-1",
            isActive: i % 3 !== 0,
          },
        },
        { token: admin },
      );
      expect(made.errors).toBeUndefined();
    }
    browser = await openBrowser();
    await signInWithPassword(browser.page, server.url, ADMIN.username, ADMIN.password);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("keeps search, page and the pending toggle in the URL: refresh and Back restore them", async () => {
    const { page } = browser;
    const count = page.getByTestId("user-count");
    const search = page.getByLabel("Search", { exact: true });
    const pending = page.getByRole("button", { name: "Show pending accounts" });

    await page.goto(`${server.url}/admin`);
    expect(await page.title()).toBe("Users · Gatehouse");
    await search.fill("lst-");
    await page.waitForURL((u) => u.searchParams.get("q") === "lst-");
    await count.getByText(`1–25 of ${COUNT} users`).waitFor();
    await page.getByRole("button", { name: "Next", exact: true }).click();
    await count.getByText(`26–${COUNT} of ${COUNT} users`).waitFor();
    expect(new URL(page.url()).searchParams.get("pages")).toBeTruthy();

    await page.reload();
    await count.getByText(`26–${COUNT} of ${COUNT} users`).waitFor();
    expect(await search.inputValue()).toBe("lst-");
    await page.getByRole("button", { name: "Previous", exact: true }).click();
    await count.getByText(`1–25 of ${COUNT} users`).waitFor();
    // Back undoes the page turn...
    await page.goBack();
    await count.getByText(`26–${COUNT} of ${COUNT} users`).waitFor();

    // ...and comes back to the same list from a user's page.
    await page.getByRole("link", { name: "lst-27" }).click();
    await waitForPath(page, `/admin/users/${await userId("lst-27")}`);
    await page.goBack();
    await count.getByText(`26–${COUNT} of ${COUNT} users`).waitFor();
    expect(await search.inputValue()).toBe("lst-");

    // The pending toggle is a filter like the others: pressed, in the URL, undone by Back.
    expect(await pending.getAttribute("aria-pressed")).toBe("false");
    await pending.click();
    await count.getByText(`1–${PENDING} of ${PENDING} users`).waitFor();
    expect(await pending.getAttribute("aria-pressed")).toBe("true");
    expect(new URL(page.url()).searchParams.get("active")).toBe("no");
    expect(await page.getByLabel("Status", { exact: true }).inputValue()).toBe("no");
    await page.reload();
    await count.getByText(`1–${PENDING} of ${PENDING} users`).waitFor();
    await page.goBack();
    await count.getByText(`26–${COUNT} of ${COUNT} users`).waitFor();
    expect(await pending.getAttribute("aria-pressed")).toBe("false");
  });

  it("selects all N matching across pages and acts on every one of them", async () => {
    const { page } = browser;
    await page.goto(`${server.url}/admin?q=lst-`);
    const count = page.getByTestId("user-count");
    await count.getByText(`1–25 of ${COUNT} users`).waitFor();
    await page.getByRole("checkbox", { name: "Select all users on this page" }).check();
    await page.getByText("25 selected").waitFor();
    await page.getByRole("button", { name: `Select all ${COUNT} users matching` }).click();
    await page.getByText(`All ${COUNT} users matching are selected.`).waitFor();
    await page.getByText(`${COUNT} selected`).waitFor();

    await runAction(page, "Deactivate");
    // The pending ones were inactive already: counted apart, not changed again.
    await page
      .getByTestId("bulk-results")
      .getByText(`${COUNT - PENDING} deactivated, ${PENDING} were already inactive`)
      .waitFor();
    const users = await server.gql<{
      users: { edges: { node: { username: string; isActive: boolean } }[] };
    }>(ACTIVE, { s: "lst-" }, { token: admin });
    const states = users.data!.users.edges.map((e) => e.node);
    expect(states).toHaveLength(COUNT);
    expect(states.filter((u) => u.isActive)).toEqual([]);
    // Only the matching users: the admin is still active (and signed in).
    const adminState = await server.gql<typeof users.data>(
      ACTIVE,
      { s: ADMIN.username },
      {
        token: admin,
      },
    );
    expect(adminState.data!.users.edges[0]!.node.isActive).toBe(true);

    // The selection was for that list; the report stays until the next action.
    await page.getByText("Tick users to act on them").waitFor();
    await page.getByRole("button", { name: "New User" }).click();
    await page.getByRole("dialog", { name: "New User" }).waitFor();
    expect(await page.getByTestId("bulk-results").count()).toBe(0);
    await page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();
  });

  it("a new search clears the selection; other lists keep their filter in the URL", async () => {
    const { page } = browser;
    await page.goto(`${server.url}/admin?q=lst-`);
    await page.getByRole("checkbox", { name: "Select all users on this page" }).check();
    await page.getByRole("button", { name: `Select all ${COUNT} users matching` }).click();
    await page.getByLabel("Search", { exact: true }).fill("lst-1");
    await page.getByTestId("user-count").getByText("1–10 of 10 users").waitFor();
    await page.getByText("Tick users to act on them").waitFor();

    await page.getByRole("link", { name: "Audit log" }).click();
    await waitForPath(page, "/audit");
    expect(await page.title()).toBe("Audit log · Gatehouse");
    await page.getByLabel("Action contains").fill("user.created");
    await page.waitForURL((u) => u.searchParams.get("action") === "user.created");
    await page.reload();
    expect(await page.getByLabel("Action contains").inputValue()).toBe("user.created");
    const rows = page.getByTestId("audit-row");
    await rows.first().waitFor();
    const actions = await Promise.all((await rows.all()).map((r) => r.getAttribute("data-action")));
    expect(new Set(actions)).toEqual(new Set(["user.created"]));

    for (const [path, title] of [
      ["/groups", "Groups · Gatehouse"],
      ["/apps", "Apps · Gatehouse"],
      ["/account", "My account · Gatehouse"],
      ["/", "Server · Gatehouse"],
    ] as const) {
      await page.goto(`${server.url}${path}`);
      await page.locator("h1").first().waitFor();
      await expect.poll(() => page.title()).toBe(title);
    }
  });

  async function userId(username: string): Promise<string> {
    const r = await server.gql<{ users: { edges: { node: { id: string } }[] } }>(
      `query($s: String) { users(search: $s) { edges { node { id } } } }`,
      { s: username },
      { token: admin },
    );
    return r.data!.users.edges[0]!.node.id;
  }
});
