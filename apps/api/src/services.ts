import type { IncomingMessage, ServerResponse } from "node:http";
import type { DataSource } from "typeorm";
import type { Clock } from "./clock.js";
import type { Config } from "./config/config.js";
import { ServerInfoService } from "./features/server-info/server-info.service.js";
import type { RequestInfo, Viewer } from "./graphql/context.js";
import type { Logger } from "./logger.js";

/** Turns a request's credentials (or auto-login) into a viewer. */
export interface Authenticator {
  authenticate(request: RequestInfo): Promise<Viewer | null>;
}

/** A plain HTTP route beside /graphql (redirect flows); matched by exact path. */
export type RouteHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
) => Promise<void> | void;

/** Pieces a test may swap (the mailer, the clock, Google's certificate source, ...). */
export interface Overrides {
  clock?: Clock;
}

export interface Services {
  config: Config;
  logger: Logger;
  dataSource: DataSource;
  clock: Clock;
  serverInfo: ServerInfoService;
  auth: Authenticator;
  httpRoutes: Map<string, RouteHandler>;
  /**
   * Run in order once the database is ready, before the server listens (wrong-key guard,
   * superuser bootstrap, ...). A task that throws ConfigError stops start-up with its message.
   */
  startupTasks: Array<() => Promise<void>>;
  /** Run once on close, after HTTP drained and before the database closes. */
  shutdownTasks: Array<() => Promise<void>>;
}

export interface ServiceDeps {
  config: Config;
  logger: Logger;
  dataSource: DataSource;
  clock: Clock;
}

/** The composition root: every service is built here from config and the DataSource. */
export function buildServices(deps: ServiceDeps, _overrides: Overrides = {}): Services {
  const { config } = deps;
  return {
    ...deps,
    serverInfo: new ServerInfoService(config),
    auth: { authenticate: async () => null },
    httpRoutes: new Map(),
    startupTasks: [],
    shutdownTasks: [],
  };
}
