import { AxeBuilder } from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { TestServer } from "../../api/test/helpers/test-server.js";
import { type Browser, describeBrowser, openBrowser } from "./helpers/browser.js";
import { signInWithPassword } from "./helpers/console.js";
import { startConsoleServer } from "./helpers/server.js";

type AxeResults = Awaited<ReturnType<AxeBuilder["analyze"]>>;

const ADMIN = { username: "a11y-admin", password: "a11y admin password" };

/**
 * Rules the bundled GraphiQL owns (its editor and tab markup, not ours). On the playground the
 * GraphiQL container is checked separately with only these rules off; everything around it
 * (our header, landmarks, heading) is checked with every rule.
 */
const GRAPHIQL_OWNED: Record<string, string> = {
  "color-contrast":
    "Monaco's line numbers and syntax colours (e.g. #858585 on #212a3b) come from GraphiQL's editor themes",
  "nested-interactive": "GraphiQL's tab list puts the close button inside each role=tab item",
};

type Scheme = "light" | "dark";
interface Mode {
  scheme: Scheme;
  width: number;
}
const MODES: Mode[] = [
  { scheme: "light", width: 1280 },
  { scheme: "dark", width: 1280 },
  { scheme: "light", width: 360 },
  { scheme: "dark", width: 360 },
];

function describeViolations(result: AxeResults): string[] {
  return result.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help}\n${v.nodes
        .slice(0, 5)
        .map((n) => `    ${n.target.join(" ")} — ${n.failureSummary?.replace(/\s+/g, " ")}`)
        .join("\n")}`,
  );
}

const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"];

async function violations(page: Page): Promise<string[]> {
  return describeViolations(await new AxeBuilder({ page }).withTags(TAGS).analyze());
}

/** The playground: ours with every rule, GraphiQL's container without the rules it owns. */
async function playgroundViolations(page: Page): Promise<string[]> {
  const ours = await new AxeBuilder({ page })
    .withTags(TAGS)
    .exclude(".graphiql-container")
    .analyze();
  const theirs = await new AxeBuilder({ page })
    .withTags(TAGS)
    .include(".graphiql-container")
    .disableRules(Object.keys(GRAPHIQL_OWNED))
    .analyze();
  return [...describeViolations(ours), ...describeViolations(theirs)];
}

/**
 * Every console page (the routes in src/App.tsx, plus the playground entry) has no axe
 * violations, in light and dark, on a desktop and on a 360 px phone.
 */
/**
 * Lets lazy chunks and queries finish before axe looks. Network idle is a heuristic (no
 * request for 500 ms), not an event: on a busy machine it can take long or never come (the
 * playground's editor keeps loading workers), so it is a bounded best effort. Each page's own
 * ready element is awaited before this, and axe's findings are the assertion.
 */
async function settle(page: { waitForLoadState: Page["waitForLoadState"] }): Promise<void> {
  await page.waitForLoadState("networkidle", { timeout: 20_000 }).catch(() => undefined);
}

describeBrowser("accessibility (axe) on every page, light and dark, desktop and 360 px", () => {
  let server: TestServer;
  let browser: Browser;
  let signedOut: Browser;
  let userId: string;

  beforeAll(async () => {
    server = await startConsoleServer({
      GATEHOUSE_AUTO_LOGIN: "false",
      GATEHOUSE_SUPERUSER: ADMIN.username,
      GATEHOUSE_SUPERUSER_PASSWORD: ADMIN.password,
    });
    const s = await server.gql<{ signIn: { token: string } }>(
      `mutation($u: String!, $p: String!) { signIn(username: $u, password: $p) { token } }`,
      { u: ADMIN.username, p: ADMIN.password },
    );
    const token = s.data!.signIn.token;
    const u = await server.gql<{ createUser: { id: string } }>(
      `mutation { createUser(input: { username: "grace", password: "grace-password-1", email: "grace@example.com", isActive: true }) { id } }`,
      {},
      { token },
    );
    userId = u.data!.createUser.id;
    // Something on every list: a group, an app, a variable.
    await server.gql(`mutation { createGroup(input: { name: "ops" }) { id } }`, {}, { token });
    [browser, signedOut] = await Promise.all([openBrowser(), openBrowser()]);
    await signInWithPassword(browser.page, server.url, ADMIN.username, ADMIN.password);
  });

  afterAll(async () => {
    await browser?.close();
    await signedOut?.close();
    await server?.close();
  });

  const signedInPages = () => [
    { path: "/", ready: "main h1" },
    { path: "/admin", ready: "[data-testid=user-row]" },
    { path: `/admin/users/${userId}`, ready: "main h1" },
    { path: "/account", ready: "main h1" },
    { path: "/security", ready: "[data-testid=primary-fingerprint]" },
    { path: "/audit", ready: "[data-testid=audit-row]" },
    { path: "/apps", ready: "main h1" },
    { path: "/groups", ready: "main h1" },
    { path: "/oidc-clients", ready: "main h1" },
    { path: "/no-such-page", ready: "main h1" },
  ];

  for (const mode of MODES) {
    it(`${mode.scheme}, ${mode.width} px: signed-in pages and the playground`, async () => {
      const { page } = browser;
      await page.setViewportSize({ width: mode.width, height: 800 });
      await page.emulateMedia({ colorScheme: mode.scheme });
      const found: string[] = [];
      for (const { path, ready } of signedInPages()) {
        await page.goto(`${server.url}${path}`);
        await page.locator(ready).first().waitFor();
        await settle(page);
        for (const v of await violations(page)) found.push(`${path}: ${v}`);
      }
      await page.goto(`${server.url}/playground`);
      await page.locator(".graphiql-container").waitFor();
      // The editors (Monaco, the largest chunk) are what load last.
      await page
        .locator(".graphiql-query-editor .monaco-editor")
        .first()
        .waitFor({ timeout: 60_000 });
      await settle(page);
      for (const v of await playgroundViolations(page)) found.push(`/playground: ${v}`);
      expect(found, found.join("\n")).toEqual([]);
      // Eleven pages and the playground, each loaded and scanned: longer than the default.
    }, 300_000);

    it(`${mode.scheme}, ${mode.width} px: sign-in and link pages`, async () => {
      const { page } = signedOut;
      await page.setViewportSize({ width: mode.width, height: 800 });
      await page.emulateMedia({ colorScheme: mode.scheme });
      const found: string[] = [];
      for (const path of [
        "/login",
        "/auth/magic?token=not-a-real-token",
        "/auth/confirm-email?token=not-a-real-token",
      ]) {
        await page.goto(`${server.url}${path}`);
        await page.locator("h1").first().waitFor();
        await settle(page);
        for (const v of await violations(page)) found.push(`${path}: ${v}`);
      }
      expect(found, found.join("\n")).toEqual([]);
    });
  }
});
