import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { ApolloServer } from "@apollo/server";
import type { Context } from "../graphql/context.js";
import { runInRequestScope } from "../logger.js";
import type { Services } from "../services.js";
import { applyCors } from "./cors.js";
import { refuseForeignHost } from "./host-guard.js";
import { beginRequest } from "./request-trace.js";
import { buildRoutes, sendJson } from "./routes.js";

export interface HttpDeps {
  apollo: ApolloServer<Context>;
  services: Services;
  /** Database reachable and every migration applied. */
  isReady(): Promise<boolean>;
}

/** One origin: the route table in routes.ts (/graphql, probes, /metrics, the console, ...). */
export function createHttpServer(deps: HttpDeps): Server {
  const { services } = deps;
  const routeFor = buildRoutes(deps);
  const accessLog = {
    logger: services.logger,
    trustProxy: services.config.trustProxy,
    observe: (route: string, status: number, seconds: number) =>
      services.metrics.httpRequest(route, status, seconds),
  };

  // Node enforces headersTimeout/requestTimeout only when it sweeps connections (every 30 s
  // by default), so a slow client could hold a socket for up to 40 s; sweep every second.
  const server = createServer(
    { connectionsCheckingInterval: 1_000 },
    async (req: IncomingMessage, res: ServerResponse) => {
      const trace = beginRequest(req, res, accessLog);
      // Never leak a magic-link token (in the page URL) through Referer; never be framed.
      res.setHeader("referrer-policy", "no-referrer");
      res.setHeader("x-content-type-options", "nosniff");
      res.setHeader("x-frame-options", "DENY");
      // DNS rebinding, tunnels: only our own host names (and origins) get an answer.
      if (refuseForeignHost(req, res, services.config)) return;
      // GATEHOUSE_CORS_ORIGINS: preflights end here; other requests carry the allow headers.
      if (applyCors(req, res, services.config)) return;
      await runInRequestScope(trace.id, async () => {
        try {
          const url = new URL(req.url ?? "/", "http://localhost");
          const route = routeFor(url.pathname);
          trace.route = route.name;
          trace.quiet = route.quiet === true;
          await route.handle(req, res, url);
        } catch (err) {
          trace.log.error({ err, path: req.url?.split("?")[0] }, "request failed");
          if (!res.headersSent) sendJson(res, 500, { error: "Internal server error" });
          else res.destroy();
        }
      });
    },
  );
  // Slow clients must not hold sockets forever.
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  server.keepAliveTimeout = 5_000;
  return server;
}
