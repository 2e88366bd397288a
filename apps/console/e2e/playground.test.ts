import { afterAll, beforeAll, expect, it } from "vitest";
import type { TestServer } from "../../api/test/helpers/test-server.js";
import { type Browser, describeBrowser, openBrowser } from "./helpers/browser.js";
import { signInWithPassword, waitForPath } from "./helpers/console.js";
import { startConsoleServer } from "./helpers/server.js";

const ADMIN = { username: "pg-admin", password: "pg admin password" };
const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

/**
 * The bundled playground: GET /graphql in a browser opens it, nothing it loads leaves this
 * machine, and credentials typed in its Headers tab are used instead of the cookie.
 */
describeBrowser("GraphQL playground", () => {
  let server: TestServer;
  let browser: Browser;
  let ivyKey: string;
  let judyToken: string;
  const offLoopback: string[] = [];

  beforeAll(async () => {
    server = await startConsoleServer({
      GATEHOUSE_AUTO_LOGIN: "false",
      GATEHOUSE_SUPERUSER: ADMIN.username,
      GATEHOUSE_SUPERUSER_PASSWORD: ADMIN.password,
    });
    const signIn = async (u: string, p: string) => {
      const r = await server.gql<{ signIn: { token: string } }>(
        `mutation($u: String!, $p: String!) { signIn(username: $u, password: $p) { token } }`,
        { u, p },
      );
      return r.data!.signIn.token;
    };
    const admin = await signIn(ADMIN.username, ADMIN.password);
    for (const name of ["ivy", "judy"]) {
      const r = await server.gql(
        `mutation($u: String!) { createUser(input: { username: $u, password: "person-password-1", isActive: true }) { id } }`,
        { u: name },
        { token: admin },
      );
      expect(r.errors).toBeUndefined();
    }
    const ivy = await signIn("ivy", "person-password-1");
    const key = await server.gql<{ createApiKey: { key: string } }>(
      `mutation { createApiKey(input: { name: "playground test" }) { key } }`,
      {},
      { token: ivy },
    );
    ivyKey = key.data!.createApiKey.key;
    judyToken = await signIn("judy", "person-password-1");

    browser = await openBrowser();
    browser.context.on("request", (req) => {
      const url = new URL(req.url());
      if (url.protocol === "data:" || url.protocol === "blob:") return;
      if (!LOOPBACK.has(url.hostname)) offLoopback.push(req.url());
    });
    await signInWithPassword(browser.page, server.url, ADMIN.username, ADMIN.password);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Replaces the query, sets the Headers tab, runs, and returns the response text. */
  async function run(query: string, headers: string): Promise<string> {
    const { page } = browser;
    const queryEditor = page.locator(".graphiql-query-editor .monaco-editor").first();
    await queryEditor.click();
    await page.keyboard.press("ControlOrMeta+A");
    await page.keyboard.press("Delete");
    // insertText: no auto-closed brackets, the text arrives as typed.
    await page.keyboard.insertText(query);
    await page.getByRole("button", { name: "Headers", exact: true }).click();
    const headerEditor = page.locator(".graphiql-editor-tool .monaco-editor").last();
    await headerEditor.click();
    await page.keyboard.press("ControlOrMeta+A");
    await page.keyboard.press("Delete");
    if (headers) await page.keyboard.insertText(headers);
    const answered = page.waitForResponse(
      (r) => r.url().endsWith("/graphql") && r.request().method() === "POST",
    );
    await page.getByRole("button", { name: /^Execute query/ }).click();
    const res = await answered;
    return res.text();
  }

  it("GET /graphql in a browser opens the bundled playground; nothing leaves loopback", async () => {
    const { page } = browser;
    await page.goto(`${server.url}/graphql`);
    await waitForPath(page, "/playground");
    await page.locator(".graphiql-container").waitFor();
    await page.locator(".graphiql-query-editor .monaco-editor").first().waitFor();
    await page.waitForLoadState("networkidle", { timeout: 120_000 });
    expect(offLoopback).toEqual([]);
  });

  it("uses the cookie by default, and an API key or session token from the Headers tab instead", async () => {
    const me = "{ me { username } }";
    expect(JSON.parse(await run(me, "")).data.me.username).toBe(ADMIN.username);
    expect(JSON.parse(await run(me, `{"X-API-Key": "${ivyKey}"}`)).data.me.username).toBe("ivy");
    expect(
      JSON.parse(await run(me, `{"Authorization": "Bearer ${judyToken}"}`)).data.me.username,
    ).toBe("judy");
    // A wrong key is refused rather than quietly falling back to the cookie.
    const wrong = JSON.parse(await run(me, `{"X-API-Key": "gatehouse_not-a-key"}`));
    expect(wrong.data?.me ?? null).toBeNull();
    expect(offLoopback).toEqual([]);
    expect(browser.problems.filter((p) => !p.includes("401"))).toEqual([]);
  });
});
