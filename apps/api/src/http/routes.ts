import type { IncomingMessage, ServerResponse } from "node:http";
import type { ApolloServer } from "@apollo/server";
import { AUDIT_CSV_PATH, auditCsvRoute } from "../features/audit/audit.routes.js";
import { VERIFY_PATH, verifyRoute } from "../features/forward-auth/verify.routes.js";
import {
  CALLBACK_PATH,
  googleCallbackRoute,
  googleStartRoute,
  START_PATH,
} from "../features/google/google.routes.js";
import { metricsRoute } from "../features/metrics/metrics.route.js";
import { countRedirectSignIns } from "../features/metrics/sign-in-metrics.js";
import { isOidcPath, oidcRoute } from "../features/oidc/oidc.routes.js";
import type { Context } from "../graphql/context.js";
import type { Services } from "../services.js";
import { graphqlHandler } from "./graphql-handler.js";
import type { RouteHandler } from "./request.js";
import { consoleHandler } from "./static.js";

export interface Route {
  /** Names the route in the access log and in metrics (a bounded set). */
  name: string;
  /** Probes and scrapes: their access lines are logged at debug. */
  quiet?: boolean;
  handle: RouteHandler;
}

export interface RouteDeps {
  apollo: ApolloServer<Context>;
  services: Services;
  isReady(): Promise<boolean>;
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "cache-control": "no-store",
  });
  res.end(JSON.stringify(body));
}

/**
 * Paths that belong to the server, not to the console: an unknown one is a JSON 404, so a
 * proxy pointed at a wrong path fails loudly instead of showing the console.
 */
const RESERVED = [
  "/auth",
  "/api",
  "/.well-known",
  "/metrics",
  "/graphql",
  "/healthz",
  "/readyz",
  "/oidc",
];

/** Console pages that live under a reserved prefix (apps/console/src/App.tsx). */
export const CONSOLE_PAGES_UNDER_RESERVED = new Set(["/auth/magic", "/auth/confirm-email"]);

export function isReservedPath(pathname: string): boolean {
  if (CONSOLE_PAGES_UNDER_RESERVED.has(pathname)) return false;
  return RESERVED.some((p) => pathname === p || pathname.startsWith(`${p}/`));
}

const notFound: Route = {
  name: "not_found",
  handle: (_req, res) => sendJson(res, 404, { error: "Not found" }),
};

/**
 * GET /graphql with no query (nor a persisted-query hash): a browser that navigates there is sent to the playground; any
 * other client gets a 404 (there is nothing to answer). With ?query= it is a GraphQL request.
 */
function graphqlRoute(gql: ReturnType<typeof graphqlHandler>): RouteHandler {
  return async (req: IncomingMessage, res: ServerResponse, url: URL) => {
    // A persisted-query GET carries only `extensions` (the hash): still a GraphQL request.
    const bare =
      (req.method === "GET" || req.method === "HEAD") &&
      !url.searchParams.has("query") &&
      !url.searchParams.has("extensions");
    if (!bare) return gql(req, res, url);
    if ((req.headers.accept ?? "").includes("text/html")) {
      res.writeHead(302, { location: "/playground", "cache-control": "no-store" });
      return void res.end();
    }
    sendJson(res, 404, { error: "Not found" });
  };
}

/**
 * Sub-applications mounted by path prefix (oidc-provider), tried after the exact paths.
 * `matches` must be cheap: it runs for every request without an exact route.
 */
interface PrefixRoute {
  matches(pathname: string): boolean;
  route: Route;
}

/**
 * The one table of plain HTTP routes: exact paths first, then prefix mounts, then reserved
 * 404s, then the console.
 */
export function buildRoutes(deps: RouteDeps): (pathname: string) => Route {
  const { services } = deps;
  const serveConsole = consoleHandler(services.config.consoleDir);
  const table = new Map<string, Route>([
    ["/graphql", { name: "graphql", handle: graphqlRoute(graphqlHandler(deps.apollo, services)) }],
    [
      "/healthz",
      { name: "healthz", quiet: true, handle: (_q, r) => sendJson(r, 200, { status: "ok" }) },
    ],
    [
      "/readyz",
      {
        name: "readyz",
        quiet: true,
        handle: async (_req, res) => {
          const ready = await deps.isReady().catch(() => false);
          sendJson(res, ready ? 200 : 503, { status: ready ? "ready" : "unavailable" });
        },
      },
    ],
    [
      "/metrics",
      { name: "metrics", quiet: true, handle: metricsRoute(services.metrics, services.config) },
    ],
    // The Google redirect flow; without Google configured they redirect to the login page.
    [START_PATH, { name: START_PATH, handle: googleStartRoute(services) }],
    [
      CALLBACK_PATH,
      {
        name: CALLBACK_PATH,
        handle: countRedirectSignIns(services, googleCallbackRoute(services)),
      },
    ],
    // The audit log as a spreadsheet, for superusers (the auditLog query's filters).
    [AUDIT_CSV_PATH, { name: AUDIT_CSV_PATH, handle: auditCsvRoute(services) }],
    // Forward auth: proxies ask on every request to a protected app, so its access line is
    // logged at debug (the proxy logs the app's request; denials are counted and audited).
    [VERIFY_PATH, { name: VERIFY_PATH, quiet: true, handle: verifyRoute(services) }],
  ]);
  const prefixes: PrefixRoute[] = [
    // OpenID Connect: everything under /oidc/ plus /.well-known/openid-configuration.
    { matches: isOidcPath, route: { name: "oidc", handle: oidcRoute(services) } },
  ];
  const consoleRoute: Route = {
    name: "console",
    handle: (req, res) => {
      if (req.method !== "GET" && req.method !== "HEAD")
        return sendJson(res, 405, { error: "Method not allowed" });
      serveConsole(req, res);
    },
  };
  return (pathname) =>
    table.get(pathname) ??
    prefixes.find((p) => p.matches(pathname))?.route ??
    (isReservedPath(pathname) ? notFound : consoleRoute);
}
