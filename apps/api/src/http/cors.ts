import type { IncomingMessage, ServerResponse } from "node:http";
import type { Config } from "../config/config.js";

/** What a SPA on an allowed origin may send: GraphQL, credentials and API keys. */
const ALLOW_METHODS = "GET, POST, OPTIONS";
const ALLOW_HEADERS = [
  "Content-Type",
  "Authorization",
  "X-API-Key",
  "apollo-require-preflight",
  "X-Apollo-Operation-Name",
  "X-Request-Id",
].join(", ");
/** Browsers cap this anyway (Chromium: 2 h); 10 minutes keeps a config change quick to bite. */
const PREFLIGHT_MAX_AGE_S = 600;

function header(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

function addVary(res: ServerResponse, value: string): void {
  const existing = res.getHeader("vary");
  res.setHeader("vary", existing ? `${String(existing)}, ${value}` : value);
}

/**
 * CORS for GATEHOUSE_CORS_ORIGINS (exact origins, credentials allowed). A listed origin's
 * preflight is answered here (204) and its other requests get the allow headers; any other
 * origin gets no CORS header at all, so browsers keep its pages from reading our answers.
 * Returns true when the request was answered (a preflight).
 */
export function applyCors(req: IncomingMessage, res: ServerResponse, config: Config): boolean {
  const allowed = config.crossSite.corsOrigins;
  if (allowed.length === 0) return false;
  // The answer depends on Origin, so shared caches must key on it, whoever asks.
  addVary(res, "Origin");
  const origin = header(req.headers.origin);
  if (origin === undefined || !allowed.includes(origin)) return false;
  res.setHeader("access-control-allow-origin", origin);
  res.setHeader("access-control-allow-credentials", "true");
  const preflight =
    req.method === "OPTIONS" && header(req.headers["access-control-request-method"]) !== undefined;
  if (!preflight) return false;
  res.writeHead(204, {
    "access-control-allow-methods": ALLOW_METHODS,
    "access-control-allow-headers": ALLOW_HEADERS,
    "access-control-max-age": String(PREFLIGHT_MAX_AGE_S),
    "cache-control": "no-store",
  });
  res.end();
  return true;
}

/** An Origin listed in GATEHOUSE_CORS_ORIGINS (the host guard lets these through). */
export function isCorsOrigin(origin: string, config: Config): boolean {
  return config.crossSite.corsOrigins.includes(origin);
}
