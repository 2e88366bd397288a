import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { isIP } from "node:net";

/** 127.0.0.0/8, ::1, and IPv4 loopback written as IPv4-mapped IPv6. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith("::ffff:") ? address.slice(7) : address;
  if (isIP(v4) === 4) return v4.split(".")[0] === "127";
  return address === "::1";
}

const FORWARDING = ["x-forwarded-for", "forwarded", "x-real-ip", "x-forwarded-host"];

/**
 * A proxy on the same machine connects from loopback too; a request it forwards names its
 * client in these headers. Adding them can only lose access, never gain it.
 */
function forwarded(req: IncomingMessage): boolean {
  return FORWARDING.some((h) => req.headers[h] !== undefined);
}

function sameToken(given: string, expected: string): boolean {
  // Hashing first gives equal lengths, so the comparison time says nothing about either.
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}

export type MetricsAccess = "allowed" | "no_token" | "bad_token";

/**
 * Who may scrape: a direct loopback peer (the socket address decides, never X-Forwarded-For),
 * or anyone presenting GATEHOUSE_METRICS_TOKEN as a bearer token when one is set.
 */
export function metricsAccess(req: IncomingMessage, token: string | undefined): MetricsAccess {
  const auth = req.headers.authorization;
  const bearer = auth && /^Bearer\s+/i.test(auth) ? auth.replace(/^Bearer\s+/i, "").trim() : "";
  if (token && bearer) return sameToken(bearer, token) ? "allowed" : "bad_token";
  if (isLoopbackAddress(req.socket.remoteAddress) && !forwarded(req)) return "allowed";
  return token ? "bad_token" : "no_token";
}
