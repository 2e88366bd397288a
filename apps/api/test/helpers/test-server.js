import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inject } from "vitest";
import { createApp } from "../../src/app.js";
import { loadConfig } from "../../src/config/config.js";
import { createLogger } from "../../src/logger.js";
import { createScratchDatabase, usingPostgres } from "./database.js";
import { testHashingOverrides } from "./password-hashing.js";
/**
 * Starts the real app on a free loopback port against a real database: a scratch
 * PostgreSQL database when DATABASE_URL is set, otherwise in-memory PGlite.
 * `env` is the whole environment the server sees (nothing leaks in from the runner).
 */
export async function startTestServer(env = {}, opts = {}) {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), "gatehouse-test-"));
  let scratch;
  let databaseUrl = opts.databaseUrl;
  if (!databaseUrl && usingPostgres) {
    scratch = await createScratchDatabase();
    databaseUrl = scratch.url;
  }
  const config = loadConfig({
    GATEHOUSE_PORT: "0",
    GATEHOUSE_DATA_DIR: dataDir,
    GATEHOUSE_LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "silent",
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    ...env,
  });
  const logger = createLogger(config.logLevel, false, opts.logDestination);
  const app = await createApp(config, {
    logger,
    overrides: { ...testHashingOverrides(opts.passwordHashing), ...opts.overrides },
    memoryDatabase: !databaseUrl && !opts.dataDir,
    memoryDatabaseTemplate: memoryTemplate(),
  });
  const url = await app.listen();
  return {
    url,
    app,
    config,
    databaseUrl,
    gql: (query, variables, o) => gqlRequest(url, query, variables, o),
    async close() {
      await app.close();
      await scratch?.drop();
      if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
/** The migrated PGlite dump made once per run (test/global-setup.ts), if there is one. */
export function memoryTemplate() {
  return inject("pgliteTemplate") || undefined;
}
export async function gqlRequest(url, query, variables, opts = {}) {
  const headers = { "content-type": "application/json", ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.cookie) headers.cookie = opts.cookie;
  const res = await fetch(`${url}/graphql`, {
    method: "POST",
    headers,
    body: JSON.stringify({ query, variables }),
  });
  const text = await res.text();
  let body = {};
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`non-JSON response ${res.status}: ${text.slice(0, 200)}`);
  }
  return { status: res.status, data: body.data, errors: body.errors, headers: res.headers };
}
/** The first error's code, for compact assertions. */
export function errorCode(r) {
  return r.errors?.[0]?.extensions?.code;
}
//# sourceMappingURL=test-server.js.map
