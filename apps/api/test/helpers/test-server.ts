import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DestinationStream } from "pino";
import { inject } from "vitest";
import { type App, createApp } from "../../src/app.js";
import { type Config, loadConfig } from "../../src/config/config.js";
import { createLogger } from "../../src/logger.js";
import type { Overrides } from "../../src/services.js";
import { createScratchDatabase, usingPostgres } from "./database.js";
import { type PasswordHashing, testHashingOverrides } from "./password-hashing.js";

export interface GqlResult<T = Record<string, unknown>> {
  status: number;
  data: T | null | undefined;
  errors?: {
    message: string;
    extensions?: { code?: string; [k: string]: unknown };
    path?: string[];
  }[];
  headers: Headers;
}

export interface GqlOptions {
  token?: string;
  cookie?: string;
  headers?: Record<string, string>;
}

export interface TestServer {
  url: string;
  app: App;
  config: Config;
  /** The database URL this server uses (a scratch PostgreSQL database), or undefined for PGlite. */
  databaseUrl?: string;
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    opts?: GqlOptions,
  ): Promise<GqlResult<T>>;
  close(): Promise<void>;
}

export interface TestServerOptions {
  overrides?: Overrides;
  /** Share a database with another server (multi-instance tests). */
  databaseUrl?: string;
  /** Keep PGlite data in this folder instead of memory (restart tests). */
  dataDir?: string;
  /** Capture the server's JSON log lines (set GATEHOUSE_LOG_LEVEL in env to see them). */
  logDestination?: DestinationStream;
  /** "production" only for tests of hashing itself; the cheap test cost otherwise. */
  passwordHashing?: PasswordHashing;
}

/**
 * Starts the real app on a free loopback port against a real database: a scratch
 * PostgreSQL database when DATABASE_URL is set, otherwise in-memory PGlite.
 * `env` is the whole environment the server sees (nothing leaks in from the runner).
 */
export async function startTestServer(
  env: Record<string, string> = {},
  opts: TestServerOptions = {},
): Promise<TestServer> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), "gatehouse-test-"));
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>> | undefined;
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
export function memoryTemplate(): string | undefined {
  return inject("pgliteTemplate") || undefined;
}

export async function gqlRequest<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  opts: GqlOptions = {},
): Promise<GqlResult<T>> {
  const headers: Record<string, string> = { "content-type": "application/json", ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.cookie) headers.cookie = opts.cookie;
  const res = await fetch(`${url}/graphql`, {
    method: "POST",
    headers,
    body: JSON.stringify({ query, variables }),
  });
  const text = await res.text();
  let body: { data?: T | null; errors?: GqlResult<T>["errors"] } = {};
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`non-JSON response ${res.status}: ${text.slice(0, 200)}`);
  }
  return { status: res.status, data: body.data, errors: body.errors, headers: res.headers };
}

/** The first error's code, for compact assertions. */
export function errorCode(r: GqlResult<unknown>): string | undefined {
  return r.errors?.[0]?.extensions?.code;
}
