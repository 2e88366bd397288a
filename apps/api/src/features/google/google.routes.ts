import type { IncomingMessage, ServerResponse } from "node:http";
import type { Config } from "../../config/config.js";
import { AppError } from "../../errors.js";
import type { RequestInfo, RouteHandler } from "../../http/request.js";
import { readCookie, requestInfo } from "../../http/request-info.js";
import { requestContextParts } from "../../http/request-trace.js";
import type { Logger } from "../../logger.js";
import type { AuditService } from "../audit/audit.service.js";
import type { ReturnToService } from "../forward-auth/return-to.js";
import { addressKey } from "../rate-limits/address-key.js";
import {
  RateLimitedError,
  type RateLimitPolicy,
  type RateLimitService,
} from "../rate-limits/rate-limit.service.js";
import { completeSignIn, type SignInContext } from "../sessions/complete-sign-in.js";
import type { SessionService } from "../sessions/session.service.js";
import { appendSetCookie } from "../sessions/session-cookie.js";
import type { UserService } from "../users/user.service.js";
import type { GoogleSignInService } from "./google.service.js";
import type { GoogleLinkService } from "./google-link.service.js";
import {
  type FinishedFlow,
  OAUTH_STATE_TTL_MS,
  type OAuthStateService,
  type StartedFlow,
} from "./oauth-state.service.js";

/** The services the Google routes use (the composition root's Services fits). */
export interface GoogleRouteServices {
  config: Config;
  logger: Logger;
  rateLimits: RateLimitService;
  users: UserService;
  sessions: SessionService;
  audit: AuditService;
  googleFlows: OAuthStateService | null;
  googleSignIn: GoogleSignInService | null;
  googleLinks: GoogleLinkService | null;
  returnTo: ReturnToService;
}

export const START_PATH = "/auth/google/start";
export const CALLBACK_PATH = "/auth/google/callback";
/** Scoped to the callback path, so it travels nowhere else. */
const FLOW_COOKIE = "gatehouse_google_flow";

/** Where the console's login page explains a failed redirect sign-in (`?error=<code>`). */
export type GoogleRedirectError =
  | "google_disabled"
  | "google_state"
  | "google_denied"
  | "google_failed"
  | "google_link_required"
  | "google_linked_elsewhere"
  | "google_rate_limited"
  | "account_inactive";

/**
 * Each anonymous /start writes a flow row: per client address, plenty for people retrying,
 * far too few to fill the table.
 */
export const START_PER_ADDRESS: RateLimitPolicy = {
  limit: 30,
  windowMs: 10 * 60_000,
  lockoutMs: 10 * 60_000,
  maxLockoutMs: 60 * 60_000,
};
export const START_ADDRESS_BUCKET = "google_start:ip";

/** Where My account explains how linking went (`?google=<outcome>`). */
const accountWith = (outcome: string) => `/account?google=${outcome}`;

function redirect(res: ServerResponse, location: string): void {
  res.statusCode = 302;
  res.setHeader("location", location);
  res.setHeader("cache-control", "no-store");
  res.end();
}

export function flowCookie(value: string, maxAgeMs: number, secure: boolean): string {
  const maxAge = Math.max(0, Math.floor(maxAgeMs / 1000));
  // Lax: the cookie must come back on Google's top-level redirect to our callback.
  return `${FLOW_COOKIE}=${value}; Max-Age=${maxAge}; Path=${CALLBACK_PATH}; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}`;
}

export const redirectUri = (services: GoogleRouteServices): string =>
  `${services.config.publicUrl}${CALLBACK_PATH}`;

const loginWithError = (code: GoogleRedirectError) => `/login?error=${code}`;

/**
 * The console's "Sign in with Google" button: state (bound to this browser by a cookie),
 * PKCE (S256) and a nonce, all remembered server-side for one use.
 */
/** Google's consent screen for a started flow (state, nonce, PKCE S256). */
export function authorizeUrl(services: GoogleRouteServices, flow: StartedFlow): string {
  const google = services.config.google!;
  const target = new URL(google.authUrl);
  target.search = new URLSearchParams({
    client_id: google.clientId,
    redirect_uri: redirectUri(services),
    response_type: "code",
    scope: "openid email profile",
    state: flow.state,
    nonce: flow.nonce,
    code_challenge: flow.codeChallenge,
    code_challenge_method: "S256",
    prompt: "select_account",
  }).toString();
  return target.toString();
}

/**
 * The console's "Sign in with Google" button: state (bound to this browser by a cookie),
 * PKCE (S256) and a nonce, all remembered server-side for one use.
 */
export function googleStartRoute(services: GoogleRouteServices): RouteHandler {
  return async (req: IncomingMessage, res: ServerResponse, url: URL) => {
    const google = services.config.google;
    const flows = services.googleFlows;
    if (!google?.clientSecret || !flows) return redirect(res, loginWithError("google_disabled"));
    const info = requestInfo(req, services.config);
    try {
      await services.rateLimits.consume(
        START_ADDRESS_BUCKET,
        addressKey(info.ip),
        START_PER_ADDRESS,
      );
    } catch (err) {
      if (!(err instanceof RateLimitedError)) throw err;
      services.logger.warn({ ip: info.ip }, "Google sign-in starts rate limited");
      return redirect(res, loginWithError("google_rate_limited"));
    }
    // The console's ?next=: a console path or an allowed app URL; anything else becomes "/".
    const flow = await flows.start(await services.returnTo.resolve(url.searchParams.get("next")));
    appendSetCookie(res, flowCookie(flow.browserSecret, OAUTH_STATE_TTL_MS, info.secure));
    redirect(res, authorizeUrl(services, flow));
  };
}

/**
 * Google sends the browser back here. The state must match a flow this browser started;
 * the code is exchanged with the PKCE verifier; the ID token is verified exactly like
 * googleSignIn's; then the shared sign-in ending sets the session cookie, and the browser
 * goes where the console asked at the start (a console path or an allowed app URL) or to "/".
 */
export function googleCallbackRoute(services: GoogleRouteServices): RouteHandler {
  return async (req: IncomingMessage, res: ServerResponse, url: URL) => {
    const google = services.config.google;
    const flows = services.googleFlows;
    const signIn = services.googleSignIn;
    if (!google?.clientSecret || !flows || !signIn || !services.googleLinks)
      return redirect(res, loginWithError("google_disabled"));
    const request = requestInfo(req, services.config);
    // The flow cookie has done its job whatever happens next.
    appendSetCookie(res, flowCookie("", 0, request.secure));
    const state = url.searchParams.get("state") ?? "";
    const flow = await flows.finish(state, readCookie(req.headers.cookie, FLOW_COOKIE));
    if (!flow) {
      services.logger.warn(
        { ip: request.ip },
        "Google callback with an unknown, used or foreign state",
      );
      return redirect(res, loginWithError("google_state"));
    }
    const code = url.searchParams.get("code");
    if (!code) return redirect(res, loginWithError("google_denied"));
    let idToken: string | null | undefined;
    try {
      const { tokens } = await signIn.verifier.client.getToken({
        code,
        codeVerifier: flow.codeVerifier,
        redirect_uri: redirectUri(services),
      });
      idToken = tokens.id_token;
    } catch (err) {
      // The library's error carries the request (code, client secret): keep only the status.
      const status = (err as { status?: number; response?: { status?: number } })?.response?.status;
      services.logger.warn({ status: status ?? null }, "Google code exchange failed");
      return redirect(res, loginWithError("google_failed"));
    }
    if (!idToken) return redirect(res, loginWithError("google_failed"));
    if (flow.link) return finishLink(services, res, request, flow, idToken);
    const perRequest = requestContextParts(req, services.logger);
    const ctx: SignInContext = { services, request, responseCookies: [], ...perRequest };
    try {
      const user = await signIn.accountFor(idToken, request.ip, flow.nonce);
      await completeSignIn(ctx, user, "GOOGLE");
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      services.logger.info(
        { reason: err.extra.reason ?? err.code },
        "Google redirect sign-in refused",
      );
      return redirect(res, loginWithError(redirectErrorFor(err)));
    }
    for (const cookie of ctx.responseCookies) appendSetCookie(res, cookie);
    // Checked again: the stored row is only data, and the app may be gone by now.
    redirect(res, await services.returnTo.resolve(flow.returnTo));
  };
}

function redirectErrorFor(err: AppError): GoogleRedirectError {
  if (err.code === "ACCOUNT_INACTIVE") return "account_inactive";
  if (err.code === "LINK_REQUIRED") return "google_link_required";
  if (err.extra.reason === "ACCOUNT_LINKED_ELSEWHERE") return "google_linked_elsewhere";
  return "google_failed";
}

/**
 * A link flow from My account ends here: the browser must still carry the session that
 * started it (so a link started by one person cannot be finished in someone else's session),
 * then that Google account is linked to that user.
 */
async function finishLink(
  services: GoogleRouteServices,
  res: ServerResponse,
  request: RequestInfo,
  flow: FinishedFlow,
  idToken: string,
): Promise<void> {
  const link = flow.link!;
  const session = request.sessionCookie
    ? await services.sessions.resolve(request.sessionCookie, request)
    : null;
  if (session?.sessionId !== link.sessionId || session.userId !== link.userId)
    return redirect(res, accountWith("session_changed"));
  try {
    await services.googleLinks!.link(idToken, flow.nonce, link.userId, request.ip);
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    const reason = String(err.extra.reason ?? err.code);
    services.logger.info({ reason }, "linking Google from My account refused");
    return redirect(res, accountWith(reason.toLowerCase()));
  }
  redirect(res, accountWith("linked"));
}
