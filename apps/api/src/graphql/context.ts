import type { UserEntity } from "../features/users/user.entity.js";
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
}

export interface Context {
  services: Services;
  viewer: Viewer | null;
  request: RequestInfo;
  /** Set-Cookie headers to send with the response (the console's session cookie). */
  responseCookies: string[];
}
