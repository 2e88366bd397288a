import "reflect-metadata";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import { ApolloArmor } from "@escape.tech/graphql-armor";
import { type Clock, systemClock } from "./clock.js";
import type { Config } from "./config/config.js";
import { type Database, openDatabase } from "./db/database.js";
import type { StartedEmbedded } from "./db/embedded-start.js";
import { schemaVersion } from "./db/schema-version.js";
import { metricsPlugin } from "./features/metrics/metrics.plugin.js";
import { newSessionToken } from "./features/sessions/session-token.js";
import type { Context } from "./graphql/context.js";
import { makeFormatError } from "./graphql/error-format.js";
import { requestGuardsPlugin } from "./graphql/request-guards.js";
import { buildGatehouseSchema } from "./graphql/schema.js";
import { createHttpServer } from "./http/server.js";
import type { Logger } from "./logger.js";
import { buildServices, type Overrides, type Services } from "./services.js";

export interface AppOptions {
  logger: Logger;
  overrides?: Overrides & { clock?: Clock };
  /** Tests: embedded PGlite in memory rather than under the data dir. */
  memoryDatabase?: boolean;
  /** Tests: the in-memory PGlite starts from this dump of a migrated database. */
  memoryDatabaseTemplate?: string;
  /** The embedded database, started before this module was loaded (`gatehouse run`). */
  embeddedDatabase?: Promise<StartedEmbedded>;
}

export interface App {
  services: Services;
  database: Database;
  server: Server;
  /** Listens on config.host:config.port (port 0 picks a free one) and returns the base URL. */
  listen(): Promise<string>;
  /** Drains HTTP, then closes the pool and PGlite. Safe to call twice. */
  close(): Promise<void>;
}

/** Armor defaults: generous for the console and scripts, fatal for abuse. */
export const QUERY_LIMITS = {
  maxDepth: 24,
  maxAliases: 20,
  maxCost: 5000,
  maxTokens: 3000,
  maxDirectives: 20,
};

export async function createApp(config: Config, opts: AppOptions): Promise<App> {
  const { logger } = opts;
  const opening = openDatabase(config, logger, {
    memory: opts.memoryDatabase,
    memoryTemplate: opts.memoryDatabaseTemplate,
    started: opts.embeddedDatabase,
  });
  let services: Services | undefined;
  // Start-up time: neither the schema nor Apollo needs the services before a request runs,
  // so both are built and started while the database opens (PGlite's thread, PostgreSQL's
  // connect) rather than after. Requests arrive only once the server listens, below.
  let metrics: ApolloServerPlugin<Context> | undefined;
  const apolloStarted = startApollo(
    logger,
    {
      async requestDidStart(rc) {
        return metrics?.requestDidStart?.(rc);
      },
    },
    () => services,
  );
  // Awaited below; a failure before then must not count as unhandled.
  apolloStarted.catch(() => {});
  let database: Database | undefined;
  try {
    database = await opening;
    services = buildServices(
      {
        config,
        logger,
        dataSource: database.dataSource,
        clock: opts.overrides?.clock ?? systemClock,
        authChanges: database.authChanges,
      },
      opts.overrides,
    );
    for (const task of services.startupTasks) await task();
  } catch (err) {
    await database?.close().catch(() => {});
    await apolloStarted.then((a) => a.stop()).catch(() => {});
    throw err;
  }
  metrics = metricsPlugin(services.metrics);
  const apollo = await apolloStarted.catch(async (err) => {
    await database?.close().catch(() => {});
    throw err;
  });

  let schemaWarned = false;
  const server = createHttpServer({
    apollo,
    services,
    async isReady() {
      // What every signed-in request does (the named session look-up on a pooled connection),
      // so /readyz fails whenever they would.
      await services.sessions.resolve(newSessionToken());
      const { pending, unknown } = await schemaVersion(database.dataSource);
      if (unknown.length > 0 && !schemaWarned) {
        schemaWarned = true;
        logger.error({ unknown }, "a newer Gatehouse migrated the database; this one is not ready");
      }
      return pending.length === 0 && unknown.length === 0;
    },
  });

  let closing: Promise<void> | undefined;
  return {
    services,
    database,
    server,
    listen() {
      return new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(config.port, config.host, () => {
          const addr = server.address() as AddressInfo;
          const host = addr.family === "IPv6" ? `[${addr.address}]` : addr.address;
          const url = `http://${host}:${addr.port}`;
          // With port 0 the real port is known only now; links must use it.
          if (!config.publicUrlExplicit) config.publicUrl = url;
          resolve(url);
        });
      });
    },
    close() {
      closing ??= (async () => {
        await new Promise<void>((resolve) => {
          if (!server.listening) return resolve();
          // Stop accepting, let in-flight requests finish, drop idle keep-alive sockets.
          server.close(() => resolve());
          server.closeIdleConnections();
          setTimeout(() => server.closeAllConnections(), 10_000).unref();
        });
        await apollo.stop();
        for (const task of services.shutdownTasks) await task();
        await database.close();
      })();
      return closing;
    },
  };
}

/** Apollo with the schema, Armor's limits and our plugins, started; `metrics` counts requests. */
async function startApollo(
  logger: Logger,
  metrics: ApolloServerPlugin<Context>,
  services: () => Services | undefined,
): Promise<ApolloServer<Context>> {
  const schemaBuilt = buildGatehouseSchema(services);
  const armor = new ApolloArmor({
    // Introspection counts too: a deep __schema query is as expensive as any other.
    maxDepth: { n: QUERY_LIMITS.maxDepth, ignoreIntrospection: false },
    maxAliases: { n: QUERY_LIMITS.maxAliases },
    costLimit: { maxCost: QUERY_LIMITS.maxCost },
    // Armor's token plugin turns plain syntax errors into HTTP 500; graphql-js's own
    // parser limit (parseOptions below) gives a clean 400 instead.
    maxTokens: { enabled: false },
    maxDirectives: { n: QUERY_LIMITS.maxDirectives },
    blockFieldSuggestion: { enabled: true },
  });
  // Armor's typings point at Apollo's CommonJS build; the objects are the same at run time.
  const protection = armor.protect() as unknown as {
    plugins: ApolloServerPlugin<Context>[];
    validationRules: NonNullable<
      ConstructorParameters<typeof ApolloServer<Context>>[0]["validationRules"]
    >;
    allowBatchedHttpRequests: false;
    includeStacktraceInErrorResponses: false;
  };
  const apollo = new ApolloServer<Context>({
    schema: await schemaBuilt,
    ...protection,
    // Input PostgreSQL would refuse, and anonymous introspection in team mode, stop here.
    plugins: [...protection.plugins, metrics, requestGuardsPlugin()],
    parseOptions: { maxTokens: QUERY_LIMITS.maxTokens },
    csrfPrevention: true,
    // We drain HTTP and close the database ourselves on SIGINT/SIGTERM; Apollo's own signal
    // handler races ours and leaves stop() waiting forever.
    stopOnTerminationSignals: false,
    introspection: true,
    formatError: makeFormatError(logger),
    logger: {
      debug: () => {},
      info: () => {},
      warn: (m) => logger.warn(String(m)),
      error: (m) => logger.error(String(m)),
    },
  });
  await apollo.start();
  return apollo;
}
