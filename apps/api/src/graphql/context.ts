import type { UserEntity } from "../features/users/user.entity.js";
import type { RequestTrace } from "../http/request-trace.js";
import type { Logger } from "../logger.js";
import type { Services } from "../services.js";

/** Who is making a request, once the auth layer has looked at it. */
export interface Viewer {
  userId: string;
  username: string;
  isSuperuser: boolean;
  /** The session row behind the request; null in auto-login mode (no session exists). */
  sessionId: string | null;
  /** The session owner's last sign-in or re-authentication; null in auto-login mode. */
  signedInAt?: Date | null;
  /** True when the viewer came from auto-login rather than credentials. */
  autoLogin: boolean;
  /** The user row as read while authenticating (same request), when the authenticator had it. */
  user?: UserEntity;
}

export interface RequestInfo {
  ip: string;
  userAgent: string | null;
  /** The request reached us over HTTPS (directly, or through a trusted proxy). */
  secure: boolean;
  /** Raw credentials, for the auth layer; never log them. */
  bearerToken: string | null;
  sessionCookie: string | null;
  /**
   * More than one session cookie arrived (same name twice, or both names): a sibling site
   * tossed one in. The authenticator refuses such requests.
   */
  sessionCookieConflict?: boolean;
  /** An old-name session cookie arrived over HTTPS: ignored, and cleared in the answer. */
  legacySessionCookie?: boolean;
  /**
   * The request started on this machine (loopback peer, no proxy headers), or remote
   * auto-login is allowed. Auto-login applies only when true; absent means no.
   */
  autoLoginAllowed?: boolean;
}

export interface Context {
  services: Services;
  viewer: Viewer | null;
  request: RequestInfo;
  /** Set-Cookie headers to send with the response (the console's session cookie). */
  responseCookies: string[];
  /** This request's logger (its lines carry reqId): log through it rather than services.logger. */
  log: Logger;
  /** What the access-log line will say (operation name, user id); filled as the request runs. */
  trace: RequestTrace;
}
