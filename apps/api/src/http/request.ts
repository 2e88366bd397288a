import type { IncomingMessage, ServerResponse } from "node:http";
import type { UserEntity } from "../features/users/user.entity.js";

// What a request is, independent of GraphQL: services, plain routes and the CLI use these
// types too, so they live here rather than in graphql/ (services never import graphql/).

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
  /**
   * Set when the request authenticated with an API key (features/api-keys): the key acts as
   * its user, narrowed by its scope (null = no narrowing). Keys never create keys or change
   * passwords.
   */
  apiKey?: { id: string; appIds: string[] | null; groupIds: string[] | null } | null;
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
   * An API key (features/api-keys), from `X-API-Key` or a Bearer value starting with
   * `gatehouse_`; then bearerToken is null. Never log it.
   */
  apiKey?: string | null;
  /**
   * More than one session cookie arrived (same name twice, or both names): a sibling site
   * tossed one in. The authenticator refuses such requests.
   */
  sessionCookieConflict?: boolean;
  /** An old-name session cookie arrived over HTTPS: ignored, and cleared in the answer. */
  legacySessionCookie?: boolean;
  /** Which other-name session cookies arrived over HTTPS (see legacySessionCookie). */
  staleSessionCookies?: string[];
  /** GATEHOUSE_COOKIE_DOMAIN: the session cookie is set (and cleared) with this Domain. */
  cookieDomain?: string | null;
  /**
   * The request started on this machine (loopback peer, no proxy headers), or remote
   * auto-login is allowed. Auto-login applies only when true; absent means no.
   */
  autoLoginAllowed?: boolean;
}

/** Turns a request's credentials (or auto-login) into a viewer. */
export interface Authenticator {
  authenticate(request: RequestInfo): Promise<Viewer | null>;
}

/**
 * A plain HTTP route beside /graphql (redirect flows); matched by exact path, or by prefix
 * when registered as "/prefix/*" (see http/routes.ts).
 */
export type RouteHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
) => Promise<void> | void;
