import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createScratchDatabase, usingPostgres } from "../../api/test/helpers/database.js";
import type { TestServer, TestServerOptions } from "../../api/test/helpers/test-server.js";
import { type Browser, describeBrowser, openBrowser, screenshot } from "./helpers/browser.js";
import { startConsoleServer } from "./helpers/server.js";

const newKey = () => randomBytes(32).toString("base64url");

/**
 * A variable written under key A; the server restarts with key B as primary and A as a
 * fallback; the Security page shows the old ciphertext and rotates it under B.
 */
describeBrowser("secret key rotation from the Security page", () => {
  const oldKey = newKey();
  const currentKey = newKey();
  const dataDir = mkdtempSync(join(tmpdir(), "gatehouse-rotation-"));
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>> | undefined;
  let store: TestServerOptions;
  let server: TestServer | undefined;
  let browser: Browser;

  beforeAll(async () => {
    // Both servers must see the same data: one PGlite folder, or one scratch database.
    if (usingPostgres) {
      scratch = await createScratchDatabase();
      store = { databaseUrl: scratch.url };
    } else {
      store = { dataDir };
    }
    const first = await startConsoleServer(
      { GATEHOUSE_AUTO_LOGIN: "true", GATEHOUSE_SECRET_KEY: oldKey },
      store,
    );
    const set = await first.gql(`mutation { setVariable(name: "TOKEN", value: "v1") { id } }`);
    expect(set.errors).toBeUndefined();
    await first.close();

    server = await startConsoleServer(
      {
        GATEHOUSE_AUTO_LOGIN: "true",
        GATEHOUSE_SECRET_KEY: currentKey,
        GATEHOUSE_SECRET_KEY_FALLBACKS: oldKey,
      },
      store,
    );
    browser = await openBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await scratch?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("shows the key status and rotates after confirmation", async () => {
    const { page } = browser;
    await page.goto(`${server!.url}/security`);
    const fallback = page.locator('[data-testid="key-row"][data-primary="false"]');
    await fallback.waitFor();
    expect(await fallback.getByTestId("key-ciphertexts").textContent()).toBe("1");
    const primary = page.locator('[data-testid="key-row"][data-primary="true"]');
    expect(await primary.getByTestId("key-ciphertexts").textContent()).toBe("0");
    expect(await page.getByTestId("undecryptable").textContent()).toBe("0");
    // A configured key: no "generated" warning.
    expect(await page.getByText("This server generated its own secret key.").count()).toBe(0);
    await screenshot(page, "security");

    expect(await page.getByTestId("rotate-status").textContent()).toMatch(
      /^1 stored secret is still encrypted with a fallback key/,
    );
    await page.getByRole("button", { name: "Rotate", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "Rotate the secret key?" });
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await dialog.waitFor({ state: "hidden" });
    expect(await page.getByTestId("rotation-result").count()).toBe(0);

    await page.getByRole("button", { name: "Rotate", exact: true }).click();
    await dialog.getByRole("button", { name: "Rotate now" }).click();
    await page
      .getByTestId("rotation-result")
      .getByText(/Rotated 1, already current 0, failed 0/)
      .waitFor();
    await expect.poll(() => primary.getByTestId("key-ciphertexts").textContent()).toBe("1");
    expect(await fallback.getByTestId("key-ciphertexts").textContent()).toBe("0");
    // Nothing left under the fallback: nothing to rotate, and the button says so by being off.
    await page
      .getByTestId("rotate-status")
      .getByText(/^Nothing to rotate/)
      .waitFor();
    expect(await page.getByRole("button", { name: "Rotate", exact: true }).isDisabled()).toBe(true);
    const vars = await server!.gql<{ variables: { value: string }[] }>("{ variables { value } }");
    expect(vars.data?.variables[0]?.value).toBe("v1");
  });
});
