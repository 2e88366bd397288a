import { afterAll, beforeAll, expect, it } from "vitest";
import { type FakeResend, startFakeResend } from "../../api/test/helpers/fake-resend.js";
import type { TestServer } from "../../api/test/helpers/test-server.js";
import { type Browser, describeBrowser, openBrowser, screenshot } from "./helpers/browser.js";
import { runAction, selectUser, signInWithPassword, waitForPath } from "./helpers/console.js";
import { startConsoleServer } from "./helpers/server.js";

const ADMIN = { username: "acct-admin", password: "acct admin password" };
const SIGN_IN = `mutation($u: String!, $p: String!) { signIn(username: $u, password: $p) { token } }`;
const CREATE = `mutation($i: CreateUserInput!) { createUser(input: $i) { id } }`;
const USER = `query($id: ID!) { user(id: $id) { username email hasPassword } }`;
const AUDIT = `query($t: ID) { auditLog(first: 50, targetId: $t) { edges { node { action } } } }`;
const STRONG = "Tarn-Gravel-Orbit-42";
const BY_LINK = "By email link or Google (no password)";

async function adminToken(server: TestServer): Promise<string> {
  const r = await server.gql<{ signIn: { token: string } }>(SIGN_IN, {
    u: ADMIN.username,
    p: ADMIN.password,
  });
  return r.data!.signIn.token;
}

async function makeUser(server: TestServer, token: string, input: Record<string, unknown>) {
  const r = await server.gql<{ createUser: { id: string } }>(CREATE, { i: input }, { token });
  expect(r.errors).toBeUndefined();
  return r.data!.createUser.id;
}

/** Issue 16 in the console, on a server without mail: what the admin sees is what happened. */
describeBrowser("account administration without mail (manual links)", () => {
  let server: TestServer;
  let browser: Browser;
  let admin: string;

  beforeAll(async () => {
    server = await startConsoleServer({
      GATEHOUSE_AUTO_LOGIN: "false",
      GATEHOUSE_SUPERUSER: ADMIN.username,
      GATEHOUSE_SUPERUSER_PASSWORD: ADMIN.password,
    });
    admin = await adminToken(server);
    browser = await openBrowser();
    await signInWithPassword(browser.page, server.url, ADMIN.username, ADMIN.password);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("New User by link: no password, the login URL to hand over, no mail button", async () => {
    const { page } = browser;
    await makeUser(server, admin, {
      username: "pat-password",
      password: STRONG,
      isActive: true,
    });
    await page.goto(`${server.url}/admin`);
    // Never signed in, but has a password: the column says so (it used to read "—").
    const pat = page.locator('[data-testid="user-row"][data-username="pat-password"]');
    expect(await pat.getByTestId("user-methods").textContent()).toBe("Password");

    await page.getByRole("button", { name: "New User" }).click();
    const dialog = page.getByRole("dialog", { name: "New User" });
    await dialog.getByLabel("Username").fill("lin-invited");
    await dialog.getByLabel(BY_LINK).check();
    expect(await dialog.getByLabel("Password", { exact: true }).count()).toBe(0);
    expect(await dialog.getByRole("button", { name: "Create and send invitation" }).count()).toBe(
      0,
    );
    await dialog.getByTestId("no-mail-note").waitFor();
    // A link needs an address.
    await dialog.getByRole("button", { name: "Create and get login URL" }).click();
    await dialog.getByText("Email is required.").waitFor();
    await dialog.getByLabel(/^Email/).fill("lin@example.com");
    await dialog.getByLabel(/^Active/).check();
    await dialog.getByRole("button", { name: "Create and get login URL" }).click();
    const url = await dialog.getByLabel("Login URL for lin-invited").inputValue();
    expect(url).toMatch(/\/auth\/magic\?token=/);
    await screenshot(page, "new-user-invite-link");
    await dialog.getByRole("button", { name: "Done" }).click();
    await dialog.waitFor({ state: "hidden" });
    await page.getByTestId("user-created").getByText("User lin-invited was created.").waitFor();
    const lin = page.locator('[data-testid="user-row"][data-username="lin-invited"]');
    expect(await lin.getByTestId("user-methods").textContent()).toBe("Email link");

    // The URL signs the new user in.
    const other = await openBrowser();
    try {
      await other.page.goto(url);
      await other.page.getByTestId("redeem-button").click();
      await other.page.locator(".profile-name", { hasText: "lin-invited" }).waitFor();
    } finally {
      await other.close();
    }
  });

  it("a username past the limit is shown whole with an error, never cut, and not created", async () => {
    const { page } = browser;
    await page.goto(`${server.url}/admin`);
    await page.getByRole("button", { name: "New User" }).click();
    const dialog = page.getByRole("dialog", { name: "New User" });
    const long = `u${"x".repeat(69)}`;
    await dialog.getByLabel("Username").fill(long);
    expect(await dialog.getByLabel("Username").inputValue()).toBe(long);
    await dialog.getByText("At most 64 characters: this has 70.").waitFor();
    await dialog.getByLabel("Password", { exact: true }).fill(STRONG);
    await dialog.getByRole("button", { name: "Save" }).click();
    await dialog.getByText("Username must be at most 64 characters.").waitFor();
    expect(await dialog.getByLabel("Username").getAttribute("aria-invalid")).toBe("true");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    const found = await server.gql<{ users: { totalCount: number } }>(
      `{ users(search: "uxxxxxxxx") { totalCount } }`,
      {},
      { token: admin },
    );
    expect(found.data?.users.totalCount).toBe(0);
  });

  it("bulk Activate changes and audits only the inactive; says how many were already active", async () => {
    const { page } = browser;
    const on1 = await makeUser(server, admin, {
      username: "on-one",
      password: STRONG,
      isActive: true,
    });
    await makeUser(server, admin, { username: "on-two", password: STRONG, isActive: true });
    const off = await makeUser(server, admin, {
      username: "off-one",
      password: STRONG,
      isActive: false,
    });
    await page.goto(`${server.url}/admin`);
    for (const name of ["on-one", "on-two", "off-one"]) await selectUser(page, name);
    await runAction(page, "Activate");
    const summary = page.getByTestId("bulk-summary");
    expect(await summary.textContent()).toBe("1 activated, 2 were already active");
    const results = page.getByTestId("bulk-results");
    await results.locator("li", { hasText: "on-one" }).getByText("Already active.").waitFor();
    await results.locator("li", { hasText: "off-one" }).getByText("Activated.").waitFor();
    const actions = async (id: string) => {
      const r = await server.gql<{ auditLog: { edges: { node: { action: string } }[] } }>(
        AUDIT,
        { t: id },
        { token: admin },
      );
      return r.data!.auditLog.edges.map((e) => e.node.action);
    };
    expect(await actions(on1)).not.toContain("user.activated");
    expect(await actions(off)).toContain("user.activated");
  });

  it("a link the user asked for on a server without mail is not called handed over", async () => {
    const { page } = browser;
    const id = await makeUser(server, admin, {
      username: "asker",
      password: STRONG,
      email: "asker@example.com",
      isActive: true,
    });
    const asked = await server.gql(
      `mutation { requestMagicLink(email: "asker@example.com") { accepted } }`,
    );
    expect(asked.errors).toBeUndefined();
    await page.goto(`${server.url}/admin/users/${id}`);
    const delivery = page.getByTestId("link-delivery");
    await delivery.waitFor();
    expect(await delivery.textContent()).toBe("Not sent: no mail provider, nobody has this link");
    expect(await page.getByTestId("latest-link").textContent()).toMatch(/requested by the user/);
  });

  it("Get email login URL for a user without email asks for the address right there", async () => {
    const { page } = browser;
    const id = await makeUser(server, admin, {
      username: "no-mail",
      password: STRONG,
      isActive: true,
    });
    // From the list: the row says why, and links to the page where the address is added.
    await page.goto(`${server.url}/admin`);
    await selectUser(page, "no-mail");
    await runAction(page, "Get email login URL");
    const row = page.getByTestId("bulk-results").locator("li", { hasText: "no-mail" });
    await row.getByText("No email address: a sign-in link needs one.").waitFor();
    await row.getByRole("link", { name: "Add an email on their page" }).click();
    await waitForPath(page, `/admin/users/${id}`);
    await page.getByRole("button", { name: "Get email login URL" }).click();
    const form = page.getByTestId("add-email-for-link");
    await form.waitFor();
    await expect.poll(() => page.evaluate("document.activeElement?.id")).toBe("link-email");
    await form.getByLabel("Email for no-mail").fill("not an address");
    await form.getByRole("button", { name: "Save email and get login URL" }).click();
    await form.getByText(/Enter an email address like/).waitFor();
    await form.getByLabel("Email for no-mail").fill("No-Mail@Example.com");
    await form.getByRole("button", { name: "Save email and get login URL" }).click();
    const url = page.getByTestId("login-url").getByRole("textbox");
    await url.waitFor();
    expect(await url.inputValue()).toMatch(/\/auth\/magic\?token=/);
    expect(await form.count()).toBe(0);
    const saved = await server.gql<{ user: { email: string } }>(USER, { id }, { token: admin });
    expect(saved.data?.user.email).toBe("no-mail@example.com");
    await page.getByText("no-mail@example.com (not verified)").waitFor();
  });

  it("a used link's page points to the administrator, not to an email that sends nothing", async () => {
    const { page } = browser;
    await page.goto(`${server.url}/login?linkInvalid=1`);
    const notice = page.getByTestId("login-notice");
    await notice.waitFor();
    const text = (await notice.textContent()) ?? "";
    expect(text).toMatch(/ask your administrator for a new sign-in link/);
    expect(text).not.toMatch(/enter your email|sent you|send you/i);
  });

  it("Rotate is off and says why when nothing is under a fallback key", async () => {
    const { page } = browser;
    await page.goto(`${server.url}/security`);
    const status = page.getByTestId("rotate-status");
    await status.waitFor();
    expect(await status.textContent()).toBe("Nothing to rotate: no secrets are stored yet.");
    expect(await page.getByRole("button", { name: "Rotate", exact: true }).isDisabled()).toBe(true);
  });
});

describeBrowser("New User invitation by email (Resend on)", () => {
  let resend: FakeResend;
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    resend = await startFakeResend();
    server = await startConsoleServer({
      GATEHOUSE_AUTO_LOGIN: "false",
      GATEHOUSE_SUPERUSER: ADMIN.username,
      GATEHOUSE_SUPERUSER_PASSWORD: ADMIN.password,
      RESEND_API_KEY: resend.apiKey,
      RESEND_FROM: "Gatehouse <auth@example.com>",
      RESEND_BASE_URL: resend.url,
    });
    browser = await openBrowser();
    await signInWithPassword(browser.page, server.url, ADMIN.username, ADMIN.password);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await resend?.close();
  });

  it("Create and send invitation emails the first link; the page says so", async () => {
    const { page } = browser;
    await page.goto(`${server.url}/admin`);
    await page.getByRole("button", { name: "New User" }).click();
    const dialog = page.getByRole("dialog", { name: "New User" });
    await dialog.getByLabel("Username").fill("mia-mailed");
    await dialog.getByLabel(BY_LINK).check();
    await dialog.getByLabel(/^Email/).fill("mia@example.com");
    await dialog.getByRole("button", { name: "Create and send invitation" }).click();
    await dialog.waitFor({ state: "hidden" });
    await page
      .getByTestId("user-created")
      .getByText("User mia-mailed was created and an invitation was emailed to mia@example.com.")
      .waitFor();
    const [mail] = await resend.waitForMessages(1);
    expect(mail!.to).toEqual(["mia@example.com"]);
    expect(resend.linkIn(mail!)).toMatch(/\/auth\/magic\?token=/);
    const admin = await adminToken(server);
    const found = await server.gql<{ users: { edges: { node: { hasPassword: boolean } }[] } }>(
      `{ users(search: "mia-mailed") { edges { node { hasPassword } } } }`,
      {},
      { token: admin },
    );
    expect(found.data?.users.edges.map((e) => e.node.hasPassword)).toEqual([false]);
  });
});
