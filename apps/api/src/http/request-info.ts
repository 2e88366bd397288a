import type { IncomingMessage } from "node:http";
import { Limits } from "@gatehouse/shared";
import type { Config } from "../config/config.js";
import { claimsToBeApiKey } from "../features/api-keys/api-key-token.js";
import { clientAddress } from "./client-address.js";
import { autoLoginAllowedFor } from "./host-guard.js";
import type { RequestInfo } from "./request.js";

export const SESSION_COOKIE = "gatehouse_session";
/**
 * The name whenever the cookie is Secure: browsers accept `__Host-` cookies only from this
 * very host, over HTTPS, with Path=/ and no Domain, so a sibling subdomain cannot plant one.
 */
export const SECURE_SESSION_COOKIE = "__Host-gatehouse_session";
/**
 * The name over HTTPS when GATEHOUSE_COOKIE_DOMAIN is set: `__Host-` forbids Domain=, and
 * `__Secure-` still makes browsers refuse it from plain-HTTP pages.
 */
export const DOMAIN_SESSION_COOKIE = "__Secure-gatehouse_session";

/** The session cookie's name over HTTPS (secure) or plain HTTP, with or without Domain=. */
export function sessionCookieName(secure: boolean, cookieDomain?: string | null): string {
  if (!secure) return SESSION_COOKIE;
  return cookieDomain ? DOMAIN_SESSION_COOKIE : SECURE_SESSION_COOKIE;
}

/** Every value sent under `name`, in order (a browser may send one name several times). */
export function readCookies(header: string | undefined, name: string): string[] {
  return readCookiesNamed(header, [name])[0] ?? [];
}

/** Like readCookies for several names at once, in one pass over the header. */
function readCookiesNamed(header: string | undefined, names: readonly string[]): string[][] {
  const values = names.map((): string[] => []);
  if (!header) return values;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    const at = names.indexOf(part.slice(0, eq).trim());
    if (at < 0) continue;
    let value: string;
    try {
      value = decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      value = "";
    }
    values[at]?.push(value);
  }
  return values;
}

const BEARER = /^Bearer\s+/i;
const SESSION_COOKIE_NAMES = [SESSION_COOKIE, SECURE_SESSION_COOKIE, DOMAIN_SESSION_COOKIE];

/** The first value of one cookie; null when absent, empty or not decodable. */
export function readCookie(header: string | undefined, name: string): string | null {
  return readCookies(header, name)[0] || null;
}

export function requestInfo(req: IncomingMessage, config: Config): RequestInfo {
  const auth = req.headers.authorization;
  const scheme = auth ? BEARER.exec(auth) : null;
  const bearer = auth && scheme ? auth.slice(scheme[0].length).trim() : null;
  const keyHeader = req.headers["x-api-key"];
  // An explicit key header wins; a Bearer value with the key prefix is a key, not a session.
  const bearerIsKey = bearer !== null && claimsToBeApiKey(bearer);
  const apiKey = (Array.isArray(keyHeader) ? keyHeader[0] : keyHeader)?.trim() || null;
  const ua = req.headers["user-agent"];
  const proto = req.headers["x-forwarded-proto"];
  const secure =
    config.publicUrl.startsWith("https:") ||
    (config.trustProxy && (Array.isArray(proto) ? proto[0] : proto) === "https");
  const cookieDomain = config.crossSite.cookieDomain;
  const found = readCookiesNamed(req.headers.cookie, SESSION_COOKIE_NAMES);
  // Only the current name counts (over HTTPS: __Host-, or __Secure- with a cookie domain); an
  // other-name one (from before the prefix or the domain setting, or planted by a sibling
  // subdomain) is never read, and cleared in the answer when the name says it is not ours.
  const currentName = sessionCookieName(secure, cookieDomain);
  const current = found[SESSION_COOKIE_NAMES.indexOf(currentName)] ?? [];
  const stale = secure
    ? SESSION_COOKIE_NAMES.filter((n, i) => n !== currentName && (found[i]?.length ?? 0) > 0)
    : [];
  return {
    ip: clientAddress(
      req.socket.remoteAddress ?? "unknown",
      req.headers["x-forwarded-for"],
      config.proxyTrust,
    ),
    userAgent: ua ? ua.slice(0, Limits.userAgentMax) : null,
    secure,
    bearerToken: bearerIsKey ? null : bearer || null,
    apiKey: apiKey ?? (bearerIsKey ? bearer : null),
    sessionCookie: current[0] || null,
    sessionCookieConflict: found.reduce((n, values) => n + values.length, 0) > 1,
    legacySessionCookie: stale.length > 0,
    staleSessionCookies: stale,
    cookieDomain,
    autoLoginAllowed: autoLoginAllowedFor(req, config),
  };
}
