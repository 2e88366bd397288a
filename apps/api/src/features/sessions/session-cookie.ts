import type { ServerResponse } from "node:http";
import { SESSION_COOKIE, sessionCookieName } from "../../http/request-info.js";

export {
  SECURE_SESSION_COOKIE,
  SESSION_COOKIE,
  sessionCookieName,
} from "../../http/request-info.js";

export interface CookieOptions {
  /** The request came over HTTPS (or the public URL is https): mark the cookie Secure. */
  secure: boolean;
}

function attributes(secure: boolean): string {
  // Lax: sent on top-level navigation back from Google, never on cross-site POSTs.
  return `Path=/; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}`;
}

/** The console's session cookie. The token is base64url, so it needs no encoding. */
export function sessionCookie(token: string, maxAgeMs: number, opts: CookieOptions): string {
  const maxAge = Math.max(0, Math.floor(maxAgeMs / 1000));
  return `${sessionCookieName(opts.secure)}=${token}; Max-Age=${maxAge}; ${attributes(opts.secure)}`;
}

/** Tells the browser to forget the session cookie (sign-out, revoked current session). */
export function clearSessionCookie(opts: CookieOptions): string {
  return `${sessionCookieName(opts.secure)}=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; ${attributes(opts.secure)}`;
}

/**
 * Over HTTPS the cookie is `__Host-` prefixed; a session cookie under the old name (set before
 * the prefix existed) is never read there and would only look like cookie tossing later.
 */
export function clearLegacySessionCookie(): string {
  return `${SESSION_COOKIE}=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; ${attributes(true)}`;
}

/** For plain HTTP routes (e.g. an OAuth callback): adds a Set-Cookie without dropping others. */
export function appendSetCookie(res: ServerResponse, cookie: string): void {
  const existing = res.getHeader("set-cookie");
  const list =
    existing === undefined ? [] : Array.isArray(existing) ? existing : [String(existing)];
  res.setHeader("set-cookie", [...list, cookie]);
}
