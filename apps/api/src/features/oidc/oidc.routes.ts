import type { IncomingMessage, ServerResponse } from "node:http";
import type Provider from "oidc-provider";
import type { RouteHandler } from "../../http/request.js";
import { RateLimitedError, type RateLimitPolicy } from "../rate-limits/rate-limit.service.js";
import { handleInteraction } from "./interaction.js";
import { basePath, CLIENT_CORS_PATHS, INTERACTION_PATH, OIDC_PREFIX } from "./paths.js";
import { type OidcRouteServices, rememberInfo } from "./route-context.js";

export const DISCOVERY_PATH = "/.well-known/openid-configuration";

/** Token and device-code requests per client address: generous for apps, a wall for floods. */
export const OIDC_TOKEN_PER_IP: RateLimitPolicy = {
  limit: 600,
  windowMs: 60_000,
  lockoutMs: 60_000,
  maxLockoutMs: 15 * 60_000,
};

const RATE_LIMITED_PATHS = new Set([`${OIDC_PREFIX}/token`, `${OIDC_PREFIX}/device/auth`]);

const callbacks = new WeakMap<Provider, ReturnType<Provider["callback"]>>();

/**
 * Everything under /oidc/ and the discovery document: the interaction pages are ours, the
 * rest is oidc-provider. URLs the provider prints come from GATEHOUSE_PUBLIC_URL, never from
 * the request's Host or forwarded headers.
 */
export function oidcRoute(services: OidcRouteServices): RouteHandler {
  const { config } = services;
  return async (req: IncomingMessage, res: ServerResponse, url: URL) => {
    const info = rememberInfo(req, config);
    if (req.method === "POST" && RATE_LIMITED_PATHS.has(url.pathname)) {
      try {
        await services.rateLimits.consume("oidc_token", info.ip, OIDC_TOKEN_PER_IP);
      } catch (err) {
        if (!(err instanceof RateLimitedError)) throw err;
        const retry = Number(err.extra.retryAfterSeconds ?? 60);
        res.writeHead(429, {
          "content-type": "application/json; charset=utf-8",
          "cache-control": "no-store",
          "retry-after": String(retry),
        });
        return void res.end(JSON.stringify({ error: "slow_down", error_description: err.message }));
      }
    }
    if (req.method === "OPTIONS" && CLIENT_CORS_PATHS.has(url.pathname)) {
      // oidc-provider answers every preflight with the Origin echoed; only origins some
      // client redirects to get one, others get no CORS header and the browser stops.
      const origin = req.headers.origin;
      if (typeof origin === "string" && !(await services.oidc.clients.isRedirectOrigin(origin))) {
        res.writeHead(204, { vary: "Origin", "cache-control": "no-store" });
        return void res.end();
      }
    }
    const provider = await services.oidc.host.provider();
    const pub = new URL(config.publicUrl);
    req.headers["x-forwarded-proto"] = pub.protocol.slice(0, -1);
    req.headers["x-forwarded-host"] = pub.host;
    req.headers["x-forwarded-for"] = info.ip;
    // oidc-provider derives its mount path from originalUrl: the public URL's path.
    (req as IncomingMessage & { originalUrl?: string }).originalUrl =
      `${basePath(config)}${req.url}`;
    if (url.pathname.startsWith(`${INTERACTION_PATH}/`)) {
      return handleInteraction(provider, services, req, res, url);
    }
    let callback = callbacks.get(provider);
    if (!callback) {
      callback = provider.callback();
      callbacks.set(provider, callback);
    }
    await callback(req, res);
  };
}

/** The route table's matcher: the provider's paths. */
export function isOidcPath(pathname: string): boolean {
  return pathname === DISCOVERY_PATH || pathname.startsWith(`${OIDC_PREFIX}/`);
}
