import type { IncomingMessage } from "node:http";
import { Limits } from "@gatehouse/shared";
import type { Config } from "../config/config.js";
import type { RequestInfo } from "../graphql/context.js";
import { clientAddress } from "./client-address.js";

export const SESSION_COOKIE = "gatehouse_session";

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
  return {
    ip: clientAddress(
      req.socket.remoteAddress ?? "unknown",
      req.headers["x-forwarded-for"],
      config.proxyTrust,
    ),
    userAgent: ua ? ua.slice(0, Limits.userAgentMax) : null,
    secure,
    bearerToken: bearer || null,
    sessionCookie: readCookie(req.headers.cookie, SESSION_COOKIE),
  };
}
