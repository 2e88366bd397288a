import type { AppTarget } from "../forward-auth/access-policy.js";

// Host patterns of registered apps. Plain functions with no imports of their own: the
// configuration parser (config/apps.ts), the service and forward auth all use them.
//
// A pattern is `name[:port]` or `*.name[:port]`. The wildcard stands for exactly ONE label,
// like a TLS certificate's: `*.example.com` matches `chat.example.com`, not
// `a.chat.example.com` and never the bare `example.com`. A pattern without a port matches
// any port; with one, only that port.

/** Longest DNS name. */
const NAME_MAX = 253;
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

/** Thrown by parseHostPattern; the message says what to write instead. */
export class HostPatternError extends Error {}

/**
 * The normalised form of one host pattern (lower case, no trailing dot), or a
 * HostPatternError saying what to fix.
 */
export function parseHostPattern(input: string): string {
  const raw = input.trim();
  const shown = JSON.stringify(input);
  if (raw === "") throw new HostPatternError("a host is empty; write a name like app.example.com");
  if (/\s/.test(raw)) throw new HostPatternError(`host ${shown} contains a space`);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(raw)) {
    throw new HostPatternError(
      `host ${shown} has a scheme; write only the host, like app.example.com`,
    );
  }
  if (raw.includes("@")) {
    throw new HostPatternError(`host ${shown} has a user name (@); write only the host`);
  }
  if (/[/\\?#]/.test(raw)) {
    throw new HostPatternError(`host ${shown} has a path or query; write only the host`);
  }
  if (raw.startsWith("[")) {
    throw new HostPatternError(`host ${shown}: IPv6 addresses are not supported; use a name`);
  }
  // Non-ASCII: URL() would quietly convert it, but then the stored pattern would not be what
  // the operator typed; ask for the punycode form that proxies forward.
  if (/[^\x20-\x7e]/.test(raw)) {
    throw new HostPatternError(
      `host ${shown} is not ASCII; write internationalised names in punycode (xn--...)`,
    );
  }
  let value = raw.toLowerCase();
  let port: number | null = null;
  const colon = value.lastIndexOf(":");
  if (colon !== -1) {
    const text = value.slice(colon + 1);
    value = value.slice(0, colon);
    if (!/^\d{1,5}$/.test(text) || Number(text) < 1 || Number(text) > 65535) {
      throw new HostPatternError(`host ${shown} has a bad port; use a number from 1 to 65535`);
    }
    port = Number(text);
    // The proxy reports the scheme's default port as "no port", so a pattern naming one
    // would never match anything.
    if (port === 80 || port === 443) {
      throw new HostPatternError(
        `host ${shown}: leave out the default port ${port}; a host without a port matches every port`,
      );
    }
  }
  if (value.endsWith(".")) value = value.slice(0, -1);
  const wildcard = value.startsWith("*.");
  const name = wildcard ? value.slice(2) : value;
  if (name.includes("*")) {
    throw new HostPatternError(
      `host ${shown}: a wildcard may only be the whole first label, like *.example.com`,
    );
  }
  if (name.length === 0 || name.length > NAME_MAX) {
    throw new HostPatternError(`host ${shown} is not a host name; write one like app.example.com`);
  }
  const labels = name.split(".");
  if (!labels.every((l) => LABEL.test(l))) {
    throw new HostPatternError(
      `host ${shown} is not a host name: labels are letters, digits and inner hyphens (write one like app.example.com)`,
    );
  }
  if (wildcard && (labels.length < 2 || IPV4.test(name) || /^\d+$/.test(labels.at(-1)!))) {
    throw new HostPatternError(
      `host ${shown}: a wildcard needs a domain of two labels or more under it, like *.example.com`,
    );
  }
  const host = wildcard ? `*.${name}` : name;
  return port === null ? host : `${host}:${port}`;
}

/**
 * The patterns that would match a target, most specific first: exact with port, exact,
 * wildcard with port, wildcard. The first one some app holds is the app the request is for.
 */
export function candidatePatterns(target: AppTarget): string[] {
  const host = target.hostname.toLowerCase().replace(/\.$/, "");
  const withPort = (h: string) => (target.port === null ? [h] : [`${h}:${target.port}`, h]);
  const out = withPort(host);
  const dot = host.indexOf(".");
  const parent = dot === -1 ? "" : host.slice(dot + 1);
  // Only names with three labels or more sit under a wildcard (`*.com` is refused).
  if (parent.includes(".") && !IPV4.test(host)) out.push(...withPort(`*.${parent}`));
  return out;
}

/** The most specific of `patterns` matching `target`, as its rank (0 best), or -1. */
export function matchRank(patterns: readonly string[], target: AppTarget): number {
  const candidates = candidatePatterns(target);
  let best = -1;
  for (const p of patterns) {
    const rank = candidates.indexOf(p);
    if (rank !== -1 && (best === -1 || rank < best)) best = rank;
  }
  return best;
}
