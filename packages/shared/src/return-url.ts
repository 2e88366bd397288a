import { safeReturnPath } from "./return-path.js";

/** Longest absolute return URL we keep (the original URL of an app page, query included). */
export const RETURN_URL_MAX = 2048;

/** An absolute http(s) URL that passed the syntax checks; the host decision is the server's. */
export interface ReturnUrl {
  /** The URL as the URL parser serialises it (what the browser is sent to). */
  href: string;
  origin: string;
  protocol: "http:" | "https:";
  /** Lower-case host name; IPv6 in brackets. */
  hostname: string;
  /** The explicit port, or null for the scheme's default. */
  port: number | null;
}

/**
 * An absolute return URL, or null. Only the syntax is judged here (browser-safe, shared with
 * the console); whether its host may be returned to is decided by the server. Refused: other
 * schemes (javascript:, data:, ftp:), userinfo ("https://app.example.com@evil.example"),
 * backslashes and control characters or spaces (browsers rewrite or drop them, so what we
 * check would not be what they open), percent-escapes in the host, and anything without
 * exactly "scheme://" in front (protocol-relative "//evil", "https:/evil", "https:\\\\evil").
 */
export function parseReturnUrl(next: string | null | undefined): ReturnUrl | null {
  if (!next || next.length > RETURN_URL_MAX) return null;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing them is the point.
  if (/[\u0000-\u0020\u007f-\u009f\\]/.test(next)) return null;
  const m = /^(https?):\/\/([^/?#]*)/i.exec(next);
  const authority = m?.[2];
  if (!authority || authority.includes("@") || authority.includes("%")) return null;
  let u: URL;
  try {
    u = new URL(next);
  } catch {
    return null;
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") return null;
  if (u.username || u.password || !u.hostname) return null;
  return {
    href: u.href,
    origin: u.origin,
    protocol: u.protocol,
    hostname: u.hostname.toLowerCase(),
    port: u.port === "" ? null : Number(u.port),
  };
}

/** What a `next` parameter asks for: a path on this site, an absolute URL to check, or nothing. */
export type ReturnTarget = { kind: "path"; path: string } | { kind: "url"; url: ReturnUrl } | null;

export function parseReturnTarget(next: string | null | undefined): ReturnTarget {
  if (!next) return null;
  if (next.startsWith("/")) {
    const path = safeReturnPath(next);
    return path === "/" && next !== "/" ? null : { kind: "path", path };
  }
  const url = parseReturnUrl(next);
  return url ? { kind: "url", url } : null;
}
