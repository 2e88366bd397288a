import { afterAll, beforeAll, expect, it } from "vitest";
import { ManualClock } from "../../api/src/clock.js";
import { generateKeyText, parseKeyMaterial } from "../../api/src/features/secrets/key-material.js";
import { KeyRing } from "../../api/src/features/secrets/key-ring.js";
import type { TestServer } from "../../api/test/helpers/test-server.js";
import { type Browser, describeBrowser, openBrowser } from "./helpers/browser.js";
import { signInWithPassword } from "./helpers/console.js";
import { startConsoleServer } from "./helpers/server.js";

const ADMIN = { username: "fresh-admin", password: "fresh admin password" };
const SIGN_IN = `mutation($u: String!, $p: String!) { signIn(username: $u, password: $p) { token } }`;
const MINUTE = 60_000;
// Rotation is only offered when something is under a fallback key.
const OLD_KEY = generateKeyText();

/** Sensitive actions after a while ask for the password again; a superuser can unlock sign-in. */
describeBrowser("console: re-authentication and unlocking sign-in", () => {
  const clock = new ManualClock();
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startConsoleServer(
      {
        GATEHOUSE_AUTO_LOGIN: "false",
        GATEHOUSE_SUPERUSER: ADMIN.username,
        GATEHOUSE_SUPERUSER_PASSWORD: ADMIN.password,
        GATEHOUSE_FRESH_SIGN_IN: "15m",
        GATEHOUSE_SECRET_KEY: generateKeyText(),
        GATEHOUSE_SECRET_KEY_FALLBACKS: OLD_KEY,
      },
      { overrides: { clock } },
    );
    const old = new KeyRing(parseKeyMaterial(OLD_KEY, "k"), [], false).seal("under the old key");
    await server.app.database.dataSource.query(
      `INSERT INTO variables (owner_id, name, ciphertext, key_fingerprint)
       SELECT id, 'OLD', $1, $2 FROM users WHERE username = $3`,
      [old.ciphertext, old.fingerprint, ADMIN.username],
    );
    browser = await openBrowser();
    await signInWithPassword(browser.page, server.url, ADMIN.username, ADMIN.password);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("rotating the key asks for the password again, then goes through", async () => {
    const { page } = browser;
    clock.advance(20 * MINUTE);
    await page.goto(`${server.url}/security`);
    await page.getByRole("button", { name: "Rotate", exact: true }).click();
    await page
      .getByRole("dialog", { name: "Rotate the secret key?" })
      .getByRole("button", { name: "Rotate now" })
      .click();
    const reauth = page.getByRole("dialog", { name: "Confirm it's you" });
    await reauth.getByLabel("Password").fill("not my password");
    await reauth.getByRole("button", { name: "Confirm" }).click();
    expect(await reauth.getByTestId("reauth-error").textContent()).toContain("not your password");
    await reauth.getByLabel("Password").fill(ADMIN.password);
    await reauth.getByRole("button", { name: "Confirm" }).click();
    await reauth.waitFor({ state: "hidden" });
    await page.getByTestId("rotation-result").waitFor();
  });

  it("creating a superuser asks too; cancelling leaves the error and creates nobody", async () => {
    const { page } = browser;
    clock.advance(20 * MINUTE);
    await page.goto(`${server.url}/admin`);
    await page.getByRole("button", { name: "New User" }).click();
    const dialog = page.getByRole("dialog", { name: "New User" });
    await dialog.getByLabel("Username").fill("second-admin");
    await dialog.getByLabel("Password", { exact: true }).fill("Tarn-Gravel-Orbit-42");
    await dialog.getByLabel(/^Superuser/).check();
    await dialog.getByRole("button", { name: "Save" }).click();
    const reauth = page.getByRole("dialog", { name: "Confirm it's you" });
    await reauth.getByRole("button", { name: "Cancel" }).click();
    await reauth.waitFor({ state: "hidden" });
    expect(await dialog.getByTestId("new-user-error").textContent()).toMatch(/sign-in within/);

    await dialog.getByRole("button", { name: "Save" }).click();
    await reauth.getByLabel("Password").fill(ADMIN.password);
    await reauth.getByRole("button", { name: "Confirm" }).click();
    await dialog.waitFor({ state: "hidden" });
    await page.getByRole("link", { name: "second-admin" }).waitFor();
  });

  it("Unlock sign-in on the user detail page lifts a lockout", async () => {
    const { page } = browser;
    const made = await server.gql<{ createUser: { id: string } }>(
      `mutation { createUser(input: { username: "locked-out", password: "Tarn-Gravel-Orbit-42", isActive: true }) { id } }`,
      {},
      { cookie: await cookieHeader() },
    );
    expect(made.errors).toBeUndefined();
    let last = await server.gql(SIGN_IN, { u: "locked-out", p: "wrong" });
    for (let i = 0; i < 10 && last.errors?.[0]?.extensions?.code !== "RATE_LIMITED"; i++) {
      last = await server.gql(SIGN_IN, { u: "locked-out", p: "wrong" });
    }
    expect(last.errors?.[0]?.extensions?.code).toBe("RATE_LIMITED");

    await page.goto(`${server.url}/admin/users/${made.data?.createUser.id}`);
    await page.getByRole("button", { name: "Unlock sign-in" }).click();
    expect(await page.getByTestId("unlock-result").textContent()).toBe(
      "Sign-in unlocked for locked-out.",
    );
    const after = await server.gql(SIGN_IN, { u: "locked-out", p: "Tarn-Gravel-Orbit-42" });
    expect(after.errors).toBeUndefined();
  });

  async function cookieHeader(): Promise<string> {
    const cookies = await browser.context.cookies();
    return cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  }
});
