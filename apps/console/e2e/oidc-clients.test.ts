import { afterAll, beforeAll, expect, it } from "vitest";
import { openidClient as oidc } from "../../api/test/helpers/oidc-rp.js";
import type { TestServer } from "../../api/test/helpers/test-server.js";
import { type Browser, describeBrowser, openBrowser, screenshot } from "./helpers/browser.js";
import { signInWithPassword, waitForPath } from "./helpers/console.js";
import { startConsoleServer } from "./helpers/server.js";

const ADMIN = { username: "oidc-admin", password: "a long admin password" };
const PLAIN = { username: "plain-user", password: "plain user password" };
const SIGN_IN = `mutation($u: String!, $p: String!) { signIn(username: $u, password: $p) { token } }`;

interface StoredClient {
  id: string;
  clientId: string;
  name: string;
  redirectUris: string[];
  grantTypes: string[];
  isPublic: boolean;
  appId: string | null;
}

/** A relying party that found Gatehouse through the discovery URL the page showed. */
async function clientCredentials(issuer: string, clientId: string, secret: string) {
  const rp = await oidc.discovery(new URL(issuer), clientId, {}, oidc.ClientSecretBasic(secret), {
    execute: [oidc.allowInsecureRequests],
  });
  return oidc.clientCredentialsGrant(rp);
}

/** What the browser-side callbacks read (the e2e tsconfig has no DOM types). */
interface Scroller {
  scrollWidth: number;
  clientWidth: number;
  scrollLeft: number;
}
interface Tagged {
  dataset: Record<string, string | undefined>;
}

const overflow = (b: Browser) =>
  b.page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth");

describeBrowser("OIDC clients in the console", () => {
  let server: TestServer;
  let token: string;
  let appId: string;

  beforeAll(async () => {
    server = await startConsoleServer({
      GATEHOUSE_AUTO_LOGIN: "false",
      GATEHOUSE_SUPERUSER: ADMIN.username,
      GATEHOUSE_SUPERUSER_PASSWORD: ADMIN.password,
      GATEHOUSE_OIDC_SECRET_OVERLAP: "2h",
    });
    const r = await server.gql<{ signIn: { token: string } }>(SIGN_IN, {
      u: ADMIN.username,
      p: ADMIN.password,
    });
    token = r.data!.signIn.token;
    const app = await server.gql<{ createApp: { id: string } }>(
      `mutation { createApp(input: { name: "Grafana", hosts: ["grafana.example.com"], access: ALL_USERS }) { id } }`,
      {},
      { token },
    );
    expect(app.errors).toBeUndefined();
    appId = app.data!.createApp.id;
    const user = await server.gql(
      `mutation($u: String!, $p: String!) { createUser(input: { username: $u, password: $p, isActive: true }) { id } }`,
      { u: PLAIN.username, p: PLAIN.password },
      { token },
    );
    expect(user.errors).toBeUndefined();
  });

  afterAll(async () => {
    await server?.close();
  });

  const stored = async () =>
    (
      await server.gql<{ oidcClients: StoredClient[] }>(
        `{ oidcClients { id clientId name redirectUris grantTypes isPublic appId } }`,
        {},
        { token },
      )
    ).data!.oidcClients;

  for (const [label, width, height] of [
    ["desktop", 1280, 800],
    ["phone", 360, 740],
  ] as const) {
    it(`a superuser manages a confidential client and a real relying party uses its secret (${label})`, async () => {
      const browser = await openBrowser({ width, height });
      try {
        await manageClient(browser, `Grafana ${label}`, label === "phone");
      } finally {
        await browser.close();
      }
    });
  }

  async function manageClient(browser: Browser, name: string, phone: boolean) {
    const { page, context } = browser;
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.url });
    await signInWithPassword(page, server.url, ADMIN.username, ADMIN.password);
    if (phone) await page.goto(`${server.url}/oidc-clients`);
    else await page.getByRole("link", { name: "OIDC clients" }).click();
    await waitForPath(page, "/oidc-clients");
    await page.getByRole("heading", { name: "OIDC clients" }).waitFor();

    // A redirect URI the server refuses: its message on the field, nothing stored.
    await page.getByRole("button", { name: "New client" }).click();
    const dialog = page.getByRole("dialog", { name: "New OIDC client" });
    await dialog.getByLabel("Name").fill(name);
    const redirects = dialog.getByLabel("Redirect URIs", { exact: true });
    await redirects.fill("http://grafana.example.com/login/generic_oauth");
    await dialog.getByLabel("Client credentials").check();
    await dialog.getByLabel("App", { exact: true }).selectOption({ label: "Grafana" });
    await dialog.getByLabel(/First party/).check();
    if (phone)
      expect(await overflow(browser), "overflow with the dialog open").toBeLessThanOrEqual(0);
    await dialog.getByRole("button", { name: "Create client" }).click();
    await dialog.getByText(/must use https/).waitFor();
    expect(await redirects.getAttribute("aria-invalid")).toBe("true");
    expect((await stored()).filter((c) => c.name === name)).toEqual([]);

    await redirects.fill("https://grafana.example.com/login/generic_oauth");
    await dialog.getByRole("button", { name: "Create client" }).click();
    const box = page.getByTestId("connect-box");
    await box.waitFor();
    await box.getByText("Copy the client secret now.").waitFor();
    const secret = await box.getByTestId("client-secret").inputValue();
    const clientId = await box.getByTestId("connect-client-id").inputValue();
    const issuer = await box.getByLabel("Issuer URL", { exact: true }).inputValue();
    const discovery = await box.getByLabel("Discovery URL", { exact: true }).inputValue();
    expect(secret.length).toBeGreaterThanOrEqual(32);
    expect(issuer).toBe(server.config.publicUrl);
    expect(discovery).toBe(`${issuer}/.well-known/openid-configuration`);
    await box.getByRole("button", { name: "Copy Client secret" }).click();
    await box.getByText("Copied.").waitFor();
    expect(await page.evaluate("navigator.clipboard.readText()")).toBe(secret);
    const mine = (await stored()).find((c) => c.name === name)!;
    expect(mine).toMatchObject({
      clientId,
      isPublic: false,
      appId,
      redirectUris: ["https://grafana.example.com/login/generic_oauth"],
      grantTypes: ["authorization_code", "refresh_token", "client_credentials"],
    });
    const row = page.locator(`[data-testid="client-row"][data-client="${name}"]`);
    expect(await row.getByTestId("client-id").textContent()).toBe(clientId);
    expect(await row.getByTestId("client-type").textContent()).toBe("Confidential");
    await row.getByText("Grafana", { exact: true }).waitFor();
    if (phone) {
      expect(await overflow(browser), "overflow with the secret shown").toBeLessThanOrEqual(0);
      await screenshot(page, "oidc-clients-mobile");
    } else await screenshot(page, "oidc-clients");

    // The secret the page showed works for a real relying party found by discovery.
    expect((await clientCredentials(issuer, clientId, secret)).access_token).toBeTruthy();
    await expect(clientCredentials(issuer, clientId, "not-the-secret")).rejects.toMatchObject({
      status: 401,
    });

    // Shown once: after a reload it is nowhere on the page.
    await page.reload();
    await row.waitFor();
    expect(await page.getByTestId("connect-box").count()).toBe(0);
    expect(await page.content()).not.toContain(secret);

    if (phone) {
      // The table scrolls inside its own region (not the page), and the keyboard reaches it.
      expect(await overflow(browser), "overflow with the table").toBeLessThanOrEqual(0);
      const region = page.getByRole("region", { name: "OIDC clients table" });
      expect(await region.evaluate((el: Scroller) => el.scrollWidth > el.clientWidth)).toBe(true);
      await region.focus();
      await page.keyboard.press("End");
      await page.keyboard.press("ArrowRight");
      await expect.poll(() => region.evaluate((el: Scroller) => el.scrollLeft)).toBeGreaterThan(0);
    }

    // Edit a redirect URI.
    await row.getByRole("button", { name: `Edit ${name}` }).click();
    const edit = page.getByRole("dialog", { name: `Edit ${name}` });
    expect(await edit.getByLabel("Redirect URIs", { exact: true }).inputValue()).toBe(
      "https://grafana.example.com/login/generic_oauth",
    );
    await edit
      .getByLabel("Redirect URIs", { exact: true })
      .fill("https://grafana.example.com/oauth/callback");
    await edit.getByRole("button", { name: "Save" }).click();
    await page.getByText(`Saved "${name}".`).waitFor();
    expect((await stored()).find((c) => c.id === mine.id)!.redirectUris).toEqual([
      "https://grafana.example.com/oauth/callback",
    ]);

    // Rotate: the new secret is shown once, and the old one keeps working meanwhile.
    await row.getByRole("button", { name: `Rotate the secret of ${name}` }).click();
    const confirm = page.getByRole("dialog", { name: "Rotate the client secret?" });
    await confirm.getByText(/keeps working for 2 hours/).waitFor();
    await confirm.getByRole("button", { name: "Rotate secret" }).click();
    await box.getByText(`New secret for ${name}`).waitFor();
    await box.getByTestId("overlap-until").waitFor();
    const rotated = await box.getByTestId("client-secret").inputValue();
    expect(rotated).not.toBe(secret);
    expect((await clientCredentials(issuer, clientId, rotated)).access_token).toBeTruthy();
    expect((await clientCredentials(issuer, clientId, secret)).access_token).toBeTruthy();
    await box.getByRole("button", { name: "I have copied the secret" }).click();
    await box.waitFor({ state: "detached" });

    // Delete after confirming: the client and its secret stop working.
    await row.getByRole("button", { name: `Delete ${name}` }).click();
    const del = page.getByRole("dialog", { name: "Delete OIDC client" });
    await del.getByRole("button", { name: "Delete" }).click();
    await page.getByText(`Deleted "${name}".`).waitFor();
    await row.waitFor({ state: "detached" });
    expect((await stored()).some((c) => c.id === mine.id)).toBe(false);
    await expect(clientCredentials(issuer, clientId, rotated)).rejects.toMatchObject({
      status: 401,
    });
    expect(browser.problems).toEqual([]);
  }

  it("shows the signing keys on the Security page and rotates them after confirming", async () => {
    const browser = await openBrowser();
    try {
      const { page } = browser;
      // The provider makes its keys on first use: fetch the JWKS like an app would.
      const jwks = (await (await fetch(`${server.url}/oidc/jwks`)).json()) as {
        keys: { kid: string }[];
      };
      await signInWithPassword(page, server.url, ADMIN.username, ADMIN.password);
      await page.getByRole("link", { name: "Security" }).click();
      await waitForPath(page, "/security");
      const card = page.getByRole("region", { name: "Token signing keys" });
      const rows = card.getByTestId("signing-key-row");
      await rows.first().waitFor();
      const kids = await rows.evaluateAll((els: Tagged[]) => els.map((e) => e.dataset.kid));
      expect(kids.sort()).toEqual(jwks.keys.map((k) => k.kid).sort());

      await card.getByRole("button", { name: "Rotate signing keys" }).click();
      const confirm = page.getByRole("dialog", { name: "Rotate the token signing keys?" });
      await confirm.getByText(/stay published in the JWKS for 7 days/).waitFor();
      await confirm.getByRole("button", { name: "Rotate signing keys" }).click();
      await card.getByTestId("signing-rotation-result").waitFor();
      await expect.poll(() => rows.count()).toBe(4);
      const retiring = card.locator('[data-testid="signing-key-row"][data-retiring="true"]');
      expect(
        (await retiring.evaluateAll((els: Tagged[]) => els.map((e) => e.dataset.kid))).sort(),
      ).toEqual(kids.sort());
      await retiring.first().getByText("retiring").waitFor();
      expect(browser.problems).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it("a user who is not a superuser has no OIDC clients page", async () => {
    const browser = await openBrowser();
    try {
      const { page } = browser;
      await signInWithPassword(page, server.url, PLAIN.username, PLAIN.password);
      await page.getByRole("link", { name: "My account" }).waitFor();
      expect(await page.getByRole("link", { name: "OIDC clients" }).count()).toBe(0);
      await page.goto(`${server.url}/oidc-clients`);
      await page.getByRole("heading", { name: "Superusers only" }).waitFor();
      expect(await page.getByRole("button", { name: "New client" }).count()).toBe(0);
    } finally {
      await browser.close();
    }
  });
});
