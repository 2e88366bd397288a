import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import {
  startTestServer,
  type TestServer,
  type TestServerOptions,
} from "../../../api/test/helpers/test-server.js";

export const CONSOLE_DIST = resolve(import.meta.dirname, "../../dist");

/**
 * The real API (real database: PGlite, or a scratch PostgreSQL database with DATABASE_URL)
 * serving the built console. The console must be built first: `pnpm build`.
 */
export async function startConsoleServer(
  env: Record<string, string> = {},
  opts: TestServerOptions = {},
): Promise<TestServer> {
  for (const file of ["index.html", "playground.html"]) {
    if (!existsSync(join(CONSOLE_DIST, file))) {
      throw new Error(
        `The console is not built (${join(CONSOLE_DIST, file)} is missing). Run \`pnpm build\` before the browser tests.`,
      );
    }
  }
  return startTestServer({ GATEHOUSE_CONSOLE_DIR: CONSOLE_DIST, ...env }, opts);
}
