import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { describe } from "vitest";

/** Debian's chromium; never a downloaded browser build. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const inCI = process.env.CI === "true";
const chromiumFound = existsSync(CHROMIUM_PATH);

if (!chromiumFound) {
  const line = `!!! BROWSER TESTS ${inCI ? "FAIL" : "SKIPPED"}: Chromium not found at ${CHROMIUM_PATH} — apt-get install chromium (or set CHROMIUM_PATH)`;
  // Loud on purpose: a skipped browser suite must never look like a green one.
  console.error(`\n${"!".repeat(line.length)}\n${line}\n${"!".repeat(line.length)}\n`);
}

/**
 * describe() for browser suites. Without Chromium the suite is skipped (loudly) on a
 * developer machine; under CI=true it still runs, so launching fails and CI goes red.
 */
export function describeBrowser(name: string, fn: () => void): void {
  // A browser step on a busy 2-core CI machine can take seconds: give each test room.
  describe.skipIf(!chromiumFound && !inCI)(name, { timeout: 120_000 }, fn);
}

const FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export interface Browser {
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught exceptions seen so far (CSP violations show up here). */
  problems: string[];
  close(): Promise<void>;
}

/** A fresh headless Chromium with its own profile, i.e. its own cookie jar. */
export async function openBrowser(
  opts: { width?: number; height?: number } = {},
): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: apt-get install -y chromium`);
  }
  const profile = mkdtempSync(join(tmpdir(), "gatehouse-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: FLAGS,
    viewport: { width: opts.width ?? 1280, height: opts.height ?? 800 },
  });
  // Short waits fail at the step that broke, well before the test's own timeout.
  context.setDefaultTimeout(15_000);
  const page = context.pages()[0] ?? (await context.newPage());
  const problems: string[] = [];
  const watch = (p: Page) => {
    p.on("console", (msg) => {
      if (msg.type() === "error") problems.push(msg.text());
    });
    p.on("pageerror", (err) => problems.push(`pageerror: ${err.message}`));
  };
  watch(page);
  context.on("page", watch);
  return {
    context,
    page,
    problems,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

const SCREENSHOT_DIR = resolve(import.meta.dirname, "../../../../test-results/screenshots");
const DOCS_DIR = resolve(import.meta.dirname, "../../../../docs/screenshots");

/**
 * Saves a full-page screenshot as a test artifact; with UPDATE_SCREENSHOTS=1 it also
 * refreshes the committed copy under docs/screenshots.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const buf = await page.screenshot({ fullPage: true, animations: "disabled" });
  writeFileSync(join(SCREENSHOT_DIR, `${name}.png`), buf);
  if (process.env.UPDATE_SCREENSHOTS === "1") {
    mkdirSync(DOCS_DIR, { recursive: true });
    writeFileSync(join(DOCS_DIR, `${name}.png`), buf);
  }
}
