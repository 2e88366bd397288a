import { isIPv4, isIPv6 } from "node:net";

/**
 * The key a client address is counted under. An IPv6 host usually owns a whole /64 and can
 * pick any address in it, so counting single IPv6 addresses would give it 2^64 fresh budgets;
 * IPv4-mapped IPv6 (::ffff:1.2.3.4) is the IPv4 address it wraps.
 */
export function addressKey(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped?.[1]) return mapped[1];
  if (isIPv4(ip)) return ip;
  const groups = isIPv6(ip) ? expandIPv6(ip) : null;
  if (!groups) return ip.slice(0, 64);
  return `${groups.slice(0, 4).join(":")}::/64`;
}

/** Eight hextets without leading zeros, or null when it is not an IPv6 address. */
function expandIPv6(ip: string): string[] | null {
  let text = ip.split("%")[0] ?? "";
  // A trailing dotted quad (::1.2.3.4) is the last two hextets.
  const quad = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (quad) {
    const [a, b, c, d] = quad.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, quad.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split("::") as [string, string | undefined];
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const zeros = tail === undefined ? [] : Array(8 - left.length - right.length).fill("0");
  const all = [...left, ...zeros, ...right];
  if (all.length !== 8) return null;
  return all.map((h) => Number.parseInt(h, 16).toString(16));
}
