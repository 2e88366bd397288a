import { join } from "node:path";
import { AxeBuilder } from "@axe-core/playwright";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { TestServer } from "../../api/test/helpers/test-server.js";
import { type Browser, describeBrowser, openBrowser } from "./helpers/browser.js";
import { startConsoleServer } from "./helpers/server.js";

const rootBackground = "getComputedStyle(document.documentElement).backgroundColor";
const LIGHT_BG = "rgb(245, 246, 248)";
const DARK_BG = "rgb(15, 18, 23)";

/** A fresh install (auto-login, generated key) says what that means; the theme switch works. */
describeBrowser("first run: auto-login banner, generated key, theme", () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    // The defaults: auto-login on, no GATEHOUSE_SECRET_KEY (a key is generated in the data dir).
    server = await startConsoleServer();
    browser = await openBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("warns on every page that anyone reaching the address is a superuser", async () => {
    const { page } = browser;
    for (const path of ["/", "/admin", "/account", "/security", "/audit", "/groups", "/apps"]) {
      await page.goto(`${server.url}${path}`);
      const banner = page.getByTestId("auto-login-banner");
      await banner.waitFor();
      const text = (await banner.textContent()) ?? "";
      expect(text, path).toContain("anyone who can reach this address is a superuser");
      expect(text, path).toContain("GATEHOUSE_AUTO_LOGIN=false");
      expect(text, path).toContain("GATEHOUSE_SUPERUSER");
    }
    // The banner reads well in both themes (colour contrast included).
    for (const colorScheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme });
      const { violations } = await new AxeBuilder({ page }).include(".banner").analyze();
      expect(violations.map((v) => `${colorScheme}: ${v.id}`)).toEqual([]);
    }
  });

  it("says where the generated secret key lives and how to pin it", async () => {
    const { page } = browser;
    await page.goto(`${server.url}/security`);
    const file = page.getByTestId("generated-key-file");
    await file.waitFor();
    expect(await file.textContent()).toBe(join(server.config.dataDir, "secret.key"));
    const alert = page.locator(".alert", { hasText: "generated its own secret key" });
    expect(await alert.textContent()).toContain("GATEHOUSE_SECRET_KEY");
  });

  it("follows prefers-color-scheme, and the switch overrides it, remembered", async () => {
    const { page } = browser;
    await page.emulateMedia({ colorScheme: "light" });
    await page.goto(`${server.url}/`);
    const theme = page.getByLabel("Colour theme");
    await theme.waitFor();
    expect(await page.evaluate(rootBackground)).toBe(LIGHT_BG);
    await page.emulateMedia({ colorScheme: "dark" });
    expect(await page.evaluate(rootBackground)).toBe(DARK_BG);

    await theme.selectOption("light");
    expect(await page.evaluate(rootBackground)).toBe(LIGHT_BG);
    await page.reload();
    await theme.waitFor();
    expect(await theme.inputValue()).toBe("light");
    expect(await page.evaluate(rootBackground)).toBe(LIGHT_BG);

    await page.emulateMedia({ colorScheme: "light" });
    await theme.selectOption("dark");
    expect(await page.evaluate(rootBackground)).toBe(DARK_BG);
    // The playground (a separate page) follows the same choice.
    await page.goto(`${server.url}/playground`);
    await page.locator(".graphiql-container").waitFor();
    expect(await page.evaluate("document.documentElement.dataset.theme")).toBe("dark");
    expect(await page.locator("body.graphiql-dark").count()).toBe(1);

    await page.goto(`${server.url}/`);
    await theme.selectOption("system");
    expect(await page.evaluate(rootBackground)).toBe(LIGHT_BG);
    expect(await page.evaluate("localStorage.getItem('gatehouse.theme')")).toBeNull();
    expect(browser.problems).toEqual([]);
  });
});
