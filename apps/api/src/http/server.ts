import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { ApolloServer } from "@apollo/server";
import type { Context } from "../graphql/context.js";
import type { Services } from "../services.js";
import { graphqlHandler } from "./graphql-handler.js";
import { refuseForeignHost } from "./host-guard.js";
import { consoleHandler } from "./static.js";

export interface HttpDeps {
  apollo: ApolloServer<Context>;
  services: Services;
  /** Database reachable and every migration applied. */
  isReady(): Promise<boolean>;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "cache-control": "no-store",
  });
  res.end(JSON.stringify(body));
}

/** One origin: /graphql, /healthz, /readyz and the console (with /playground). */
export function createHttpServer(deps: HttpDeps): Server {
  const { services } = deps;
  const gql = graphqlHandler(deps.apollo, services);
  const serveConsole = consoleHandler(services.config.consoleDir);
  // Extra routes a feature adds (e.g. /auth/google/start); matched by exact path.
  const routes = services.httpRoutes;

  // Node enforces headersTimeout/requestTimeout only when it sweeps connections (every 30 s
  // by default), so a slow client could hold a socket for up to 40 s; sweep every second.
  const server = createServer(
    { connectionsCheckingInterval: 1_000 },
    async (req: IncomingMessage, res: ServerResponse) => {
      // Never leak a magic-link token (in the page URL) through Referer; never be framed.
      res.setHeader("referrer-policy", "no-referrer");
      res.setHeader("x-content-type-options", "nosniff");
      res.setHeader("x-frame-options", "DENY");
      // DNS rebinding, tunnels: only our own host names (and origins) get an answer.
      if (refuseForeignHost(req, res, services.config)) return;
      try {
        const url = new URL(req.url ?? "/", "http://localhost");
        if (url.pathname === "/graphql") return await gql(req, res, url);
        if (url.pathname === "/healthz") return json(res, 200, { status: "ok" });
        if (url.pathname === "/readyz") {
          const ready = await deps.isReady().catch(() => false);
          return json(res, ready ? 200 : 503, { status: ready ? "ready" : "unavailable" });
        }
        const route = routes.get(url.pathname);
        if (route) return await route(req, res, url);
        if (req.method !== "GET" && req.method !== "HEAD")
          return json(res, 405, { error: "Method not allowed" });
        serveConsole(req, res);
      } catch (err) {
        services.logger.error({ err, path: req.url?.split("?")[0] }, "request failed");
        if (!res.headersSent) json(res, 500, { error: "Internal server error" });
        else res.destroy();
      }
    },
  );
  // Slow clients must not hold sockets forever.
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  server.keepAliveTimeout = 5_000;
  return server;
}
