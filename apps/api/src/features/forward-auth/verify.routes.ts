import type { IncomingMessage, ServerResponse } from "node:http";
import { ErrorCode } from "@gatehouse/shared";
import type { Config } from "../../config/config.js";
import type { RouteHandler, Viewer } from "../../http/request.js";
import { requestInfo } from "../../http/request-info.js";
import { traceOf } from "../../http/request-trace.js";
import type { Logger } from "../../logger.js";
import { DuplicateSessionCookieError } from "../sessions/authenticator.js";
import type { AccessDecision, AppTarget } from "./access-policy.js";
import type { VerifyReaders } from "./build.js";
import type { DenialAudit } from "./denial-audit.js";
import { deniedPage } from "./denied-page.js";
import { type ForwardedRequest, forwardedRequest, isNavigation } from "./forward-target.js";
import { identityHeaders } from "./identity-headers.js";

export const VERIFY_PATH = "/auth/verify";

/** What the route reads; narrow, so the feature does not depend on all of Services. */
export interface VerifyRouteServices {
  config: Config;
  logger: Logger;
  /**
   * The authenticator and the registered apps' rules (features/apps, through the AccessPolicy
   * seam), both read through the in-memory cache (verify-cache.ts).
   */
  verify: Pick<VerifyReaders, "auth" | "access">;
  forwardAuthDenials: DenialAudit;
}

/**
 * No trusted forwarded URL: the policy is asked about a host no app can register, so it
 * answers as for an unregistered host (the apps feature's default rule).
 */
const UNKNOWN_TARGET: AppTarget = { hostname: "", port: null };

// Answers differ per user and must never be reused by a proxy or browser cache.
const NO_STORE = { "cache-control": "no-store, private", vary: "Cookie, Authorization, X-API-Key" };

function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  extra: Record<string, string> = {},
): void {
  res.writeHead(status, {
    ...NO_STORE,
    "content-type": "application/json; charset=utf-8",
    ...extra,
  });
  res.end(JSON.stringify(body));
}

/**
 * GET /auth/verify (any method): the question nginx auth_request, Caddy forward_auth and
 * Traefik forwardAuth ask before every request to a protected app. 200 with identity headers,
 * 401 (or a redirect to sign in for browsers), or 403. Never the auto-login identity: a proxy
 * in front of an auto-login server must not make everyone superuser.
 */
export function verifyRoute(services: VerifyRouteServices): RouteHandler {
  const { config } = services;
  return async (req, res) => {
    const forwarded = forwardedRequest(req, config.proxyTrust);
    const request = { ...requestInfo(req, config), autoLoginAllowed: false };
    let viewer: Viewer | null;
    try {
      viewer = await services.verify.auth.authenticate(request);
    } catch (err) {
      if (!(err instanceof DuplicateSessionCookieError)) throw err;
      return json(res, 401, { error: err.message, code: err.code });
    }
    if (!viewer || viewer.autoLogin) return unauthenticated(req, res, config, forwarded);
    traceOf(req, services.logger).userId = viewer.userId;
    const decision = await services.verify.access.decide(
      viewer,
      forwarded.target ?? UNKNOWN_TARGET,
    );
    if (decision.outcome === "deny") {
      services.forwardAuthDenials.denied(decision, viewer.userId);
      return forbidden(req, res, config, viewer, decision, forwarded);
    }
    const headers = identityHeaders(
      {
        id: viewer.userId,
        username: viewer.username,
        email: viewer.user?.email ?? null,
        name: viewer.user?.displayName ?? viewer.username,
        groups: decision.groups,
      },
      config.forwardAuth,
    );
    res.writeHead(200, { ...NO_STORE, "content-type": "text/plain; charset=utf-8", ...headers });
    res.end("OK\n");
  };
}

function unauthenticated(
  req: IncomingMessage,
  res: ServerResponse,
  config: Config,
  forwarded: ForwardedRequest,
): void {
  const challenge = { "www-authenticate": 'Bearer realm="Gatehouse"' };
  if (config.autoLogin) {
    // The console would sign the browser straight in as the default superuser and never
    // send it back: a redirect would loop. Say what to change instead.
    return void json(
      res,
      401,
      {
        error:
          "This Gatehouse runs in auto-login mode (GATEHOUSE_AUTO_LOGIN=true), where nobody signs in, so it cannot protect apps. Set GATEHOUSE_AUTO_LOGIN=false and create accounts to use forward auth.",
        code: ErrorCode.UNAUTHENTICATED,
      },
      challenge,
    );
  }
  const login = loginUrl(config, forwarded.url);
  const body = {
    error: forwarded.untrusted
      ? "Sign in first: no valid Gatehouse session or API key came with this request. (The proxy's X-Forwarded-*/X-Original-URL headers were ignored because it is not in GATEHOUSE_TRUST_PROXY.)"
      : "Sign in first: no valid Gatehouse session or API key came with this request.",
    code: ErrorCode.UNAUTHENTICATED,
    login,
  };
  if (!isNavigation(req)) return void json(res, 401, body, challenge);
  // nginx's auth_request passes on only 2xx/401/403: the config reads Location from the 401
  // (auth_request_set) and redirects itself. Caddy and Traefik pass a 302 straight through.
  if (forwarded.nginxStyle) return void json(res, 401, body, { ...challenge, location: login });
  res.writeHead(302, { ...NO_STORE, location: login });
  res.end();
}

/** The sign-in page, with the app's URL to come back to when it is known and believed. */
export function loginUrl(config: Config, original: URL | null): string {
  const base = `${config.publicUrl}/login`;
  return original ? `${base}?next=${encodeURIComponent(original.href)}` : base;
}

function forbidden(
  req: IncomingMessage,
  res: ServerResponse,
  config: Config,
  viewer: Viewer,
  decision: Extract<AccessDecision, { outcome: "deny" }>,
  forwarded: ForwardedRequest,
): void {
  const appName = decision.app?.name ?? forwarded.target?.hostname ?? null;
  const what = appName ? `"${appName}"` : "this app";
  const message = `You are signed in as ${viewer.username}, but you do not have access to ${what}. Ask a Gatehouse administrator to give you access.`;
  if (isNavigation(req)) {
    res.writeHead(403, {
      ...NO_STORE,
      "content-type": "text/html; charset=utf-8",
      "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'",
    });
    return void res.end(
      deniedPage({
        appName: config.appName,
        username: viewer.username,
        app: appName,
        consoleUrl: `${config.publicUrl}/account`,
      }),
    );
  }
  json(res, 403, {
    error: message,
    code: ErrorCode.FORBIDDEN,
    app: decision.app,
    reason: decision.reason,
  });
}
