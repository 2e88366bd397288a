import { afterAll, beforeAll, expect, it } from "vitest";
import { type FakeResend, startFakeResend } from "../../api/test/helpers/fake-resend.js";
import type { TestServer } from "../../api/test/helpers/test-server.js";
import { type Browser, describeBrowser, openBrowser, screenshot } from "./helpers/browser.js";
import { sessionCookie, waitForPath } from "./helpers/console.js";
import { startConsoleServer } from "./helpers/server.js";

/** EMAIL delivery: the link travels through (a loopback fake of) Resend's real API. */
describeBrowser("magic link by email (EMAIL delivery through the fake Resend)", () => {
  let resend: FakeResend;
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    resend = await startFakeResend();
    server = await startConsoleServer({
      GATEHOUSE_AUTO_LOGIN: "false",
      GATEHOUSE_SUPERUSER: "mail-admin",
      GATEHOUSE_SUPERUSER_PASSWORD: "mail admin password",
      GATEHOUSE_NEW_USER_IS_ACTIVE: "true",
      RESEND_API_KEY: resend.apiKey,
      RESEND_FROM: "Gatehouse <auth@example.com>",
      RESEND_BASE_URL: resend.url,
    });
    browser = await openBrowser({ width: 390, height: 844 });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await resend?.close();
  });

  it("sends the link, shows who signs in, and signs in on the click only", async () => {
    const { page, context } = browser;
    await page.goto(`${server.url}/login`);
    await page.getByLabel("Email", { exact: true }).fill("Carol@Example.com");
    await page.getByRole("button", { name: "Send Magic Link" }).click();
    await page
      .getByTestId("magic-link-sent")
      .getByText(/If that address can sign in, a link is on its way/)
      .waitFor();

    const [mail] = await resend.waitForMessages(1);
    expect(mail!.to).toEqual(["carol@example.com"]);
    const link = resend.linkIn(mail!);
    expect(new URL(link).origin).toBe(new URL(server.url).origin);

    await page.goto(link);
    await page.getByTestId("link-preview").getByText("carol@example.com").waitFor();
    expect(await sessionCookie(context)).toBeUndefined();
    await screenshot(page, "magic-link-landing-mobile");

    await page.getByTestId("redeem-button").click();
    await waitForPath(page, "/");
    await page.getByRole("button", { name: /open profile menu/ }).waitFor();
    expect((await sessionCookie(context))?.httpOnly).toBe(true);
    // The token must not stay in the address bar or history entry.
    expect(page.url()).not.toContain("token=");
  });

  it("sends a used link back to /login with the message and the email box focused", async () => {
    const { page } = browser;
    const [mail] = resend.messages;
    await page.goto(resend.linkIn(mail!));
    await waitForPath(page, "/login");
    await page
      .getByTestId("login-notice")
      .getByText(/already used or has expired/)
      .waitFor();
    await expect.poll(() => page.evaluate("document.activeElement?.id")).toBe("login-email");
  });
});
