import { afterAll, beforeAll, expect, it } from "vitest";
import type { TestServer } from "../../api/test/helpers/test-server.js";
import { type Browser, describeBrowser, openBrowser, screenshot } from "./helpers/browser.js";
import { startConsoleServer } from "./helpers/server.js";

describeBrowser("console skeleton and playground (auto-login mode)", () => {
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

  it("loads the console from the API and shows serverInfo", async () => {
    const { page } = browser;
    const res = await page.goto(`${server.url}/`);
    expect(res?.status()).toBe(200);
    expect(res?.headers()["content-security-policy"]).toContain("script-src 'self'");
    const info = page.getByTestId("server-info");
    await info.waitFor();
    expect(await page.getByTestId("auth-mode").getAttribute("data-value")).toBe("AUTO_LOGIN");
    expect(await page.getByTestId("magic-link-delivery").getAttribute("data-value")).toBe("MANUAL");
    const { data } = await server.gql<{ serverInfo: { version: string } }>(
      "{ serverInfo { version } }",
    );
    expect(await page.getByTestId("server-version").textContent()).toBe(data!.serverInfo.version);
    await screenshot(page, "server");
    expect(browser.problems).toEqual([]);
  });

  it("serves the playground offline and runs a query against /graphql", async () => {
    const { page, context } = browser;
    const origin = new URL(server.url).origin;
    const foreign: string[] = [];
    // Anything leaving the API's origin (CDN scripts, fonts, schema fetches) is recorded and
    // refused, so the page must work with no internet at all.
    await context.route("**/*", (route) => {
      const url = route.request().url();
      if (url.startsWith(origin) || url.startsWith("data:") || url.startsWith("blob:"))
        return route.continue();
      foreign.push(url);
      return route.abort();
    });
    const res = await page.goto(`${server.url}/playground`);
    expect(res?.status()).toBe(200);
    expect(await page.title()).toContain("playground");

    const editor = page.locator(".graphiql-query-editor .monaco-editor").first();
    await editor.waitFor({ timeout: 20_000 });
    await editor.click();
    await page.keyboard.press("ControlOrMeta+A");
    await page.keyboard.press("Delete");
    await page.keyboard.type("{ serverInfo { version } }");

    const gqlResponse = page.waitForResponse(
      (r) =>
        r.url() === `${origin}/graphql` && r.request().postData()?.includes("version") === true,
    );
    await page.getByRole("button", { name: /execute query/i }).click();
    const response = await gqlResponse;
    expect(response.status()).toBe(200);
    expect(response.request().headers()["apollo-require-preflight"]).toBe("true");
    const body = (await response.json()) as { data: { serverInfo: { version: string } } };
    const version = body.data.serverInfo.version;
    // The result pane shows what the server answered.
    await page
      .locator(".graphiql-response")
      .getByText(version, { exact: false })
      .first()
      .waitFor({ timeout: 10_000 });
    await screenshot(page, "playground");
    expect(foreign).toEqual([]);
    expect(browser.problems.filter((p) => /Content Security Policy|Refused/.test(p))).toEqual([]);
  });
});
