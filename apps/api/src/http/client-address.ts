import { isIP } from "node:net";
import type { ProxyTrust } from "../config/proxy-trust.js";

/**
 * The client's address: the connection's, or with trusted proxies the right-most
 * X-Forwarded-For entry that no trusted proxy wrote. Entries left of it are whatever the
 * client chose to send, so they are never believed.
 */
export function clientAddress(
  socketIp: string,
  forwardedFor: string | string[] | undefined,
  trust: ProxyTrust,
): string {
  if (trust.hops === 0 && !trust.ranges) return socketIp;
  const list = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? ""))
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  // Right to left: the connection itself, then what each proxy appended.
  const chain = [socketIp, ...list.reverse()];
  let i = 0;
  for (;;) {
    const trusted = trust.ranges ? isTrusted(chain[i] as string, trust) : i < trust.hops;
    const next = chain[i + 1];
    // Garbage in the header ends the walk: the last real hop is the best we know.
    if (!trusted || next === undefined || isIP(next) === 0) return chain[i] as string;
    i++;
  }
}

function isTrusted(ip: string, trust: ProxyTrust): boolean {
  const family = isIP(ip);
  if (family === 0 || !trust.ranges) return false;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)?.[1];
  if (mapped) return trust.ranges.check(mapped, "ipv4");
  return trust.ranges.check(ip, family === 6 ? "ipv6" : "ipv4");
}

/**
 * Whether the connection itself comes from a proxy we trust (GATEHOUSE_TRUST_PROXY): only
 * then are headers it sets about the original request (X-Forwarded-Host, ...) believed.
 */
export function fromTrustedProxy(socketIp: string, trust: ProxyTrust): boolean {
  if (trust.ranges) return isTrusted(socketIp, trust);
  return trust.hops > 0;
}
