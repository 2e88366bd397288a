import { BlockList, isIP } from "node:net";
import { ConfigError } from "./config-error.js";
import { type Env, str } from "./parse.js";

/**
 * Which X-Forwarded-For hops to believe. Each proxy appends the address it saw, so the
 * trustworthy part of the header is its right-hand end: `hops` proxies (counting the one
 * that connected to us), or every hop whose address is in `ranges`.
 */
export interface ProxyTrust {
  hops: number;
  ranges: BlockList | null;
}

const NONE: ProxyTrust = { hops: 0, ranges: null };

/** GATEHOUSE_TRUST_PROXY: false, true (one proxy), a number of proxies, or their addresses/CIDRs. */
export function proxyTrust(env: Env, name: string): ProxyTrust {
  const v = str(env, name);
  if (v === undefined) return NONE;
  const l = v.toLowerCase();
  if (["false", "0", "no", "off"].includes(l)) return NONE;
  if (["true", "yes", "on"].includes(l)) return { hops: 1, ranges: null };
  if (/^\d+$/.test(l) && Number(l) <= 10) return { hops: Number(l), ranges: null };
  const ranges = new BlockList();
  for (const part of v.split(",").map((s) => s.trim())) {
    const [addr = "", bits] = part.split("/");
    const family = isIP(addr);
    const prefix = bits === undefined ? (family === 6 ? 128 : 32) : Number(bits);
    if (
      family === 0 ||
      !Number.isInteger(prefix) ||
      prefix < 0 ||
      prefix > (family === 6 ? 128 : 32)
    ) {
      throw new ConfigError(
        `${name}=${v} is not valid; use true, false, a number of proxies (1-10) or their addresses like 10.0.0.0/8,::1.`,
      );
    }
    ranges.addSubnet(addr, prefix, family === 6 ? "ipv6" : "ipv4");
  }
  return { hops: 0, ranges };
}
