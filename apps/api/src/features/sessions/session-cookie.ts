import type { ServerResponse } from "node:http";
import { SESSION_COOKIE, sessionCookieName } from "../../http/request-info.js";

export {
  DOMAIN_SESSION_COOKIE,
  SECURE_SESSION_COOKIE,
  SESSION_COOKIE,
  sessionCookieName,
} from "../../http/request-info.js";

/** A RequestInfo fits: the cookie follows how the request arrived and the configured domain. */
export interface CookieOptions {
  /** The request came over HTTPS (or the public URL is https): mark the cookie Secure. */
  secure: boolean;
  /** GATEHOUSE_COOKIE_DOMAIN: shared with every host under it (forward auth on siblings). */
  cookieDomain?: string | null;
}

function attributes(secure: boolean, domain?: string | null): string {
  // Lax: sent on top-level navigation back from Google, never on cross-site POSTs.
  return `Path=/; ${domain ? `Domain=${domain}; ` : ""}HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}`;
}

const EXPIRED = "Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT";

/** The console's session cookie. The token is base64url, so it needs no encoding. */
export function sessionCookie(token: string, maxAgeMs: number, opts: CookieOptions): string {
  const maxAge = Math.max(0, Math.floor(maxAgeMs / 1000));
  const name = sessionCookieName(opts.secure, opts.cookieDomain);
  return `${name}=${token}; Max-Age=${maxAge}; ${attributes(opts.secure, opts.cookieDomain)}`;
}

/**
 * Tells the browser to forget the session cookie (sign-out, revoked current session). With a
 * cookie domain, the host-only cookie of the same name goes too (set before the domain was).
 */
export function clearSessionCookies(opts: CookieOptions): string[] {
  const name = sessionCookieName(opts.secure, opts.cookieDomain);
  const domainWide = `${name}=; ${EXPIRED}; ${attributes(opts.secure, opts.cookieDomain)}`;
  if (!opts.cookieDomain) return [domainWide];
  return [domainWide, `${name}=; ${EXPIRED}; ${attributes(opts.secure)}`];
}

/**
 * Over HTTPS only the current name is read (`__Host-`, or `__Secure-` with a cookie domain);
 * a session cookie under another name (set before the prefix or the domain setting existed)
 * would only look like cookie tossing later, so it is cleared (host-only, as it was set).
 */
export function clearLegacySessionCookie(name: string = SESSION_COOKIE): string {
  return `${name}=; ${EXPIRED}; ${attributes(true)}`;
}

/** For plain HTTP routes (e.g. an OAuth callback): adds a Set-Cookie without dropping others. */
export function appendSetCookie(res: ServerResponse, cookie: string): void {
  const existing = res.getHeader("set-cookie");
  const list =
    existing === undefined ? [] : Array.isArray(existing) ? existing : [String(existing)];
  res.setHeader("set-cookie", [...list, cookie]);
}
