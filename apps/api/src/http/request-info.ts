import type { IncomingMessage } from "node:http";
import { Limits } from "@gatehouse/shared";
import type { Config } from "../config/config.js";
import { clientAddress } from "./client-address.js";
import { autoLoginAllowedFor } from "./host-guard.js";
import type { RequestInfo } from "./request.js";

export const SESSION_COOKIE = "gatehouse_session";
/**
 * The name whenever the cookie is Secure: browsers accept `__Host-` cookies only from this
 * very host, over HTTPS, with Path=/ and no Domain, so a sibling subdomain cannot plant one.
 */
export const SECURE_SESSION_COOKIE = "__Host-gatehouse_session";

/** The session cookie's name for a request over HTTPS (true) or plain HTTP. */
export function sessionCookieName(secure: boolean): string {
  return secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE;
}

/** Every value sent under `name`, in order (a browser may send one name several times). */
export function readCookies(header: string | undefined, name: string): string[] {
  if (!header) return [];
  const values: string[] = [];
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    try {
      values.push(decodeURIComponent(part.slice(eq + 1).trim()));
    } catch {
      values.push("");
    }
  }
  return values;
}

export function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      const v = part.slice(eq + 1).trim();
      try {
        return decodeURIComponent(v);
      } catch {
        return null;
      }
    }
  }
  return null;
}

export function requestInfo(req: IncomingMessage, config: Config): RequestInfo {
  const auth = req.headers.authorization;
  const bearer = auth && /^Bearer\s+/i.test(auth) ? auth.replace(/^Bearer\s+/i, "").trim() : null;
  const ua = req.headers["user-agent"];
  const proto = req.headers["x-forwarded-proto"];
  const secure =
    config.publicUrl.startsWith("https:") ||
    (config.trustProxy && (Array.isArray(proto) ? proto[0] : proto) === "https");
  const plain = readCookies(req.headers.cookie, SESSION_COOKIE);
  const prefixed = readCookies(req.headers.cookie, SECURE_SESSION_COOKIE);
  // Over HTTPS only the __Host- cookie counts; an old-name one (from before the prefix, or
  // planted by a sibling subdomain) is never read.
  const current = secure ? prefixed : plain;
  return {
    ip: clientAddress(
      req.socket.remoteAddress ?? "unknown",
      req.headers["x-forwarded-for"],
      config.proxyTrust,
    ),
    userAgent: ua ? ua.slice(0, Limits.userAgentMax) : null,
    secure,
    bearerToken: bearer || null,
    sessionCookie: current[0] || null,
    sessionCookieConflict: plain.length + prefixed.length > 1,
    legacySessionCookie: secure && plain.length > 0,
    autoLoginAllowed: autoLoginAllowedFor(req, config),
  };
}
