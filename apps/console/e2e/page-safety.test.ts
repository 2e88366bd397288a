import { afterAll, beforeAll, expect, it } from "vitest";
import type { TestServer } from "../../api/test/helpers/test-server.js";
import { type Browser, describeBrowser, openBrowser } from "./helpers/browser.js";
import { signInWithPassword, waitForPath } from "./helpers/console.js";
import { startConsoleServer } from "./helpers/server.js";

const ADMIN = { username: "safe-admin", password: "safe admin password" };
const BOB = { username: "safe-bob", password: "safe-bob-password" };
const SIGN_IN = `mutation($u: String!, $p: String!) { signIn(username: $u, password: $p) { token } }`;
const CREATE = `mutation($i: CreateUserInput!) { createUser(input: $i) { id } }`;
const SET_ACTIVE = `mutation($id: ID!, $a: Boolean!) { setActive(userId: $id, active: $a) { id } }`;

/**
 * What keeps a page usable when things go wrong: a chunk that fails to load, an account
 * deactivated mid-visit, a revocation clicked by mistake; and tables on a 360 px phone.
 */
describeBrowser("page errors, ended sessions, confirmations, narrow tables", () => {
  let server: TestServer;
  let admin: string;
  let bobId: string;
  let desktop: Browser;
  let phone: Browser;

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
    const made = await server.gql<{ createUser: { id: string } }>(
      CREATE,
      { i: { username: BOB.username, password: BOB.password, isActive: true } },
      { token: admin },
    );
    bobId = made.data!.createUser.id;
    // A pending user, so the users table has an Inactive badge to keep in sight.
    const pending = await server.gql(
      CREATE,
      { i: { username: "safe-pending", password: "quiet harbour lantern 7", isActive: false } },
      { token: admin },
    );
    expect(pending.errors).toBeUndefined();
    await server.gql(
      `mutation { createGroup(input: { name: "safe-group" }) { id } }`,
      {},
      {
        token: admin,
      },
    );
    [desktop, phone] = await Promise.all([openBrowser(), openBrowser({ width: 360, height: 740 })]);
    await signInWithPassword(desktop.page, server.url, ADMIN.username, ADMIN.password);
  });

  afterAll(async () => {
    await desktop?.close();
    await phone?.close();
    await server?.close();
  });

  it("a page whose code fails to load says so and offers Retry, which loads it", async () => {
    const { page } = desktop;
    await page.goto(`${server.url}/`);
    await page.getByRole("heading", { level: 1 }).first().waitFor();
    // The server is unreachable for this one chunk, as when it restarts mid-click.
    await page.route("**/assets/GroupsPage-*.js", (route) => route.abort("connectionrefused"));
    await page.getByRole("link", { name: "Groups" }).click();
    const error = page.getByTestId("page-error");
    await error.waitFor();
    await error.getByRole("heading", { name: "This page could not be loaded" }).waitFor();
    // The rest of the console still works: the navigation is there.
    expect(await page.getByRole("link", { name: "Users" }).isVisible()).toBe(true);

    await page.unroute("**/assets/GroupsPage-*.js");
    await error.getByRole("button", { name: "Retry" }).click();
    await page.getByRole("heading", { name: "Groups", level: 1 }).waitFor();
    expect(await error.count()).toBe(0);
  });

  it("a deactivated user goes to sign-in on the next navigation, whatever the page", async () => {
    const { page } = phone;
    await signInWithPassword(page, server.url, BOB.username, BOB.password);
    await page.getByRole("link", { name: "My account" }).click();
    await waitForPath(page, "/account");
    await page.getByTestId("session-row").first().waitFor();

    const off = await server.gql(SET_ACTIVE, { id: bobId, a: false }, { token: admin });
    expect(off.errors).toBeUndefined();
    // The Server page reads nothing that needs a session: only the check on navigation can
    // notice that this one ended.
    await page.getByRole("link", { name: "Server" }).click();
    await waitForPath(page, "/login");
    expect(new URL(page.url()).searchParams.get("ended")).toBe("1");
    await page.getByText("Your session has ended. Please sign in again.").waitFor();
    const on = await server.gql(SET_ACTIVE, { id: bobId, a: true }, { token: admin });
    expect(on.errors).toBeUndefined();
  });

  it("asks before revoking a session or signing out everywhere; button names match their labels", async () => {
    const { page } = phone;
    await signInWithPassword(page, server.url, BOB.username, BOB.password);
    // A second session of Bob's: an API client.
    await server.gql(SIGN_IN, { u: BOB.username, p: BOB.password });
    await page.getByRole("link", { name: "My account" }).click();
    const rows = page.getByTestId("session-row");
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(2);

    // WCAG 2.5.3: the accessible name starts with the words on the button.
    // The button's own words: its text without the screen-reader-only part.
    const shown = async (b: typeof mine) => {
      const all = (await b.textContent()) ?? "";
      const hidden = (await b.locator(".sr-only").textContent()) ?? "";
      return all.replace(hidden, "").trim();
    };
    const mine = page.getByRole("button", { name: /^Sign out \(current session, .+\)$/ });
    expect(await shown(mine)).toBe("Sign out");
    const other = page.getByRole("button", { name: /^Revoke session: / });
    expect(await shown(other)).toBe("Revoke");

    // Cancel leaves everything as it was.
    await other.click();
    const revoke = page.getByRole("dialog", { name: "Revoke this session?" });
    await revoke.getByRole("button", { name: "Cancel" }).click();
    await revoke.waitFor({ state: "hidden" });
    expect(await rows.count()).toBe(2);
    await other.click();
    await revoke.getByRole("button", { name: "Revoke session" }).click();
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(1);

    await page.getByRole("button", { name: "Sign out everywhere" }).click();
    const everywhere = page.getByRole("dialog", { name: "Sign out everywhere?" });
    await everywhere.getByRole("button", { name: "Cancel" }).click();
    await everywhere.waitFor({ state: "hidden" });
    expect(page.url()).toContain("/account");
    await page.getByRole("button", { name: "Sign out everywhere" }).click();
    await everywhere.getByRole("button", { name: "Sign out everywhere" }).click();
    await waitForPath(page, "/login");
  });

  it("at 360 px the users table keeps its badges in sight and wide tables scroll by keyboard", async () => {
    const { page } = phone;
    await signInWithPassword(page, server.url, ADMIN.username, ADMIN.password);
    await page.goto(`${server.url}/admin`);
    const row = page.locator('[data-testid="user-row"][data-username="safe-pending"]');
    const badge = row.getByTestId("user-row-status").getByText("Inactive");
    await badge.waitFor();
    const box = (await badge.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(360);
    const pageWidth = await page.evaluate<number>("document.documentElement.scrollWidth");
    expect(pageWidth).toBeLessThanOrEqual(360);
    // The row is a card: name and status stacked, not side by side.
    const name = (await row.getByRole("link", { name: "safe-pending" }).boundingBox())!;
    expect(box.y).toBeGreaterThan(name.y);

    for (const [path, label] of [
      ["/admin", "Users table"],
      ["/groups", "Groups table"],
      ["/audit", "Audit events table"],
      ["/security", "Keys table"],
    ] as const) {
      await page.goto(`${server.url}${path}`);
      const region = page.getByRole("region", { name: label });
      await region.waitFor();
      expect(await region.getAttribute("tabindex")).toBe("0");
    }
    // The keys table (long fingerprints) is wider than the phone: focus it by keyboard and
    // scroll it with the arrow keys.
    const region = page.getByRole("region", { name: "Keys table" });
    const keys = `document.querySelector('[aria-label="Keys table"]')`;
    const wide = await page.evaluate<boolean>(`${keys}.scrollWidth > ${keys}.clientWidth`);
    expect(wide).toBe(true);
    await region.focus();
    await page.keyboard.press("End");
    await page.keyboard.press("ArrowRight");
    await expect.poll(() => page.evaluate<number>(`${keys}.scrollLeft`)).toBeGreaterThan(0);
  });
});
