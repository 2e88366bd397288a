import type { BrowserContext, Page } from "playwright-core";

export const SESSION_COOKIE = "gatehouse_session";

/** Signs in through the real form and waits for the console to show the signed-in user. */
export async function signInWithPassword(
  page: Page,
  baseUrl: string,
  username: string,
  password: string,
): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel("Username or email").fill(username);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.locator(".profile-name", { hasText: username }).waitFor();
}

export async function openProfileMenu(page: Page) {
  await page.getByRole("button", { name: /open profile menu/ }).click();
  const menu = page.getByRole("menu", { name: "Profile" });
  await menu.waitFor();
  return menu;
}

export async function sessionCookie(context: BrowserContext) {
  return (await context.cookies()).find((c) => c.name === SESSION_COOKIE);
}

/** Waits until the page's path (and optionally query) matches. */
export async function waitForPath(page: Page, path: string): Promise<void> {
  await page.waitForURL((u) => u.pathname === path, { timeout: 15_000 });
}

/** Ticks the row of `username` in the Admin page's table. */
export async function selectUser(page: Page, username: string): Promise<void> {
  await page.getByRole("checkbox", { name: `Select ${username}`, exact: true }).check();
}

/** Picks an action in the Admin page's actions menu and runs it on the ticked rows. */
export async function runAction(page: Page, label: string): Promise<void> {
  await page.getByLabel("Action", { exact: true }).selectOption({ label });
  await page.getByRole("button", { name: "Go", exact: true }).click();
  await page.getByTestId("bulk-results").waitFor();
  await page.getByRole("button", { name: "Working…" }).waitFor({ state: "hidden" });
}
