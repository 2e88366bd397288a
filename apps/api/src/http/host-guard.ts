import type { IncomingMessage, ServerResponse } from "node:http";
import { ErrorCode } from "@gatehouse/shared";
import type { Config } from "../config/config.js";
import { parseHost } from "../config/parse.js";
import { CLIENT_CORS_PATHS, OPEN_CORS_PATHS } from "../features/oidc/paths.js";
import { isCorsOrigin } from "./cors.js";

/**
 * Container probes call these on the container's IP; they reveal nothing. Proxies call
 * /auth/verify with the protected app's Host and Origin (Caddy keeps the Host; WebSocket and
 * form requests carry the app's Origin); it never grants auto-login and answers only about
 * the credentials the request carries, so a rebound or foreign page learns nothing from it.
 */
const ANY_HOST_PATHS = new Set(["/healthz", "/readyz", "/auth/verify"]);

/** Headers a proxy or tunnel adds: the request did not start on this machine's loopback. */
const FORWARDING_HEADERS = ["forwarded", "x-forwarded-for", "x-real-ip", "cf-connecting-ip"];

/** `localhost`, 127.0.0.0/8 and ::1 (host names, with or without brackets and port). */
export function isLoopbackName(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  return h === "localhost" || h === "::1" || /^127\.\d+\.\d+\.\d+$/.test(h);
}

/** A socket peer address on loopback (IPv4, IPv6, or IPv4 mapped into IPv6). */
export function isLoopbackPeer(address: string | undefined): boolean {
  if (!address) return false;
  return address === "::1" || /^(::ffff:)?127\.\d+\.\d+\.\d+$/i.test(address);
}

function hostnameOf(host: string): string {
  return new URL(`http://${host}`).hostname;
}

/** The last public URL seen and its host name: config does not change, so parse it once. */
let publicUrlSeen: { url: string; hostname: string | null } | undefined;

function publicHostname(url: string): string | null {
  if (publicUrlSeen?.url !== url) {
    let hostname: string | null = null;
    try {
      hostname = new URL(url).hostname;
    } catch {
      // A public URL that does not parse allows nothing extra.
    }
    publicUrlSeen = { url, hostname };
  }
  return publicUrlSeen.hostname;
}

/**
 * The Host names this server answers to: loopback names (a browser only sends them when the
 * user typed them, so DNS rebinding cannot forge them), the public URL's name, and
 * GATEHOUSE_ALLOWED_HOSTS (an entry without a port allows any port).
 */
export function isAcceptedHost(host: string, config: Config): boolean {
  const hostname = hostnameOf(host);
  if (isLoopbackName(hostname)) return true;
  if (publicHostname(config.publicUrl) === hostname) return true;
  return config.allowedHosts.some((entry) =>
    entry.includes(":") && !entry.endsWith("]") ? entry === host : hostnameOf(entry) === hostname,
  );
}

/**
 * Auto-login hands out superuser rights, so only to requests that started on this machine:
 * a loopback peer and no proxy or tunnel headers. GATEHOUSE_ALLOW_REMOTE_AUTO_LOGIN=true
 * is the operator saying that anyone who reaches the port may be superuser.
 */
export function autoLoginAllowedFor(req: IncomingMessage, config: Config): boolean {
  if (config.allowRemoteAutoLogin) return true;
  if (!isLoopbackPeer(req.socket.remoteAddress)) return false;
  return !FORWARDING_HEADERS.some((h) => req.headers[h] !== undefined);
}

export interface Refusal {
  status: 421 | 403;
  code: string;
  message: string;
}

function headerValue(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

/** Why a request must not be answered, or null when its Host and Origin are ours. */
export function checkHostAndOrigin(
  req: IncomingMessage,
  pathname: string,
  config: Config,
): Refusal | null {
  if (ANY_HOST_PATHS.has(pathname)) return null;
  const rawHost = headerValue(req.headers.host) ?? "";
  const host = parseHost(rawHost);
  if (host === null || !isAcceptedHost(host, config)) {
    const name = host === null ? rawHost.slice(0, 100) : hostnameOf(host);
    return {
      status: 421,
      code: ErrorCode.MISDIRECTED_REQUEST,
      message: `This Gatehouse does not answer to the host name "${name}" (a protection against DNS rebinding and tunnels). If you reach it through that name on purpose, add ${name} to GATEHOUSE_ALLOWED_HOSTS (or set GATEHOUSE_PUBLIC_URL to it); otherwise open it as http://localhost:${config.port}.`,
    };
  }
  const origin = headerValue(req.headers.origin);
  if (origin === undefined) return null;
  // Browser apps finish OpenID Connect from their own origin; oidc-provider answers CORS
  // there from the client's redirect URIs. These paths never read the Gatehouse session.
  if (CLIENT_CORS_PATHS.has(pathname) || OPEN_CORS_PATHS.has(pathname)) return null;
  // Sandboxed frames and file:// pages send "null"; in auto-login mode they would be superuser.
  if (origin === "null") {
    return config.autoLogin
      ? {
          status: 403,
          code: ErrorCode.ORIGIN_NOT_ALLOWED,
          message:
            "Requests from pages without an origin (Origin: null: local files, sandboxed frames) are refused in auto-login mode; open the console from this server instead, or turn auto-login off with GATEHOUSE_AUTO_LOGIN=false.",
        }
      : null;
  }
  let originHost: string | null = null;
  try {
    const u = new URL(origin);
    if (u.protocol === "http:" || u.protocol === "https:") originHost = u.host;
  } catch {
    originHost = null;
  }
  if (originHost !== null && isAcceptedHost(originHost, config)) return null;
  // An origin the operator listed for CORS may call us (GraphQL, /auth/verify).
  if (isCorsOrigin(origin, config)) return null;
  const name = originHost === null ? origin.slice(0, 100) : hostnameOf(originHost);
  return {
    status: 403,
    code: ErrorCode.ORIGIN_NOT_ALLOWED,
    message: `Requests from pages on ${origin.slice(0, 100)} are refused. If that site is yours and may use this Gatehouse, add ${name} to GATEHOUSE_ALLOWED_HOSTS.`,
  };
}

/**
 * Answers a request whose Host or Origin is not ours (421 or 403, a JSON body shaped like a
 * GraphQL error so /graphql clients show the message) and returns true; false otherwise.
 */
export function refuseForeignHost(
  req: IncomingMessage,
  res: ServerResponse,
  config: Config,
): boolean {
  const pathname = (req.url ?? "/").split("?")[0] ?? "/";
  const refusal = checkHostAndOrigin(req, pathname, config);
  if (!refusal) return false;
  res.writeHead(refusal.status, {
    "content-type": "application/json; charset=utf-8",
    "cache-control": "no-store",
  });
  res.end(
    JSON.stringify({
      error: refusal.message,
      errors: [{ message: refusal.message, extensions: { code: refusal.code } }],
    }),
  );
  return true;
}
