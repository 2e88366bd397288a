import type { IncomingMessage } from "node:http";
import type { ProxyTrust } from "../../config/proxy-trust.js";
import { fromTrustedProxy } from "../../http/client-address.js";
import type { AppTarget } from "./access-policy.js";

/** Longest original URL we carry into a sign-in redirect. */
export const ORIGINAL_URL_MAX = 2048;

export interface ForwardedRequest {
  /** The URL the browser asked the proxy for; null when unknown or not believed. */
  url: URL | null;
  /** Host and port of that URL, for the access policy; null when the URL is unknown. */
  target: AppTarget | null;
  /**
   * The proxy is nginx-style (sent X-Original-URL): auth_request only understands 2xx, 401
   * and 403, so a browser is sent to sign in by a 401 carrying Location, not by a 302.
   */
  nginxStyle: boolean;
  /** The proxy sent forwarded headers but is not in GATEHOUSE_TRUST_PROXY: they were ignored. */
  untrusted: boolean;
}

function one(v: string | string[] | undefined): string | undefined {
  const s = Array.isArray(v) ? v[0] : v;
  return s === undefined ? undefined : s.trim();
}

/**
 * Builds the original URL only from what a trusted proxy said: Traefik and Caddy send
 * X-Forwarded-Proto/Host/Uri, nginx is told to send X-Original-URL. Anyone else could name
 * any app, so from an untrusted peer the target stays unknown.
 */
export function forwardedRequest(req: IncomingMessage, trust: ProxyTrust): ForwardedRequest {
  const original = one(req.headers["x-original-url"]);
  const host = one(req.headers["x-forwarded-host"]);
  const nginxStyle = original !== undefined;
  if (original === undefined && host === undefined)
    return { url: null, target: null, nginxStyle, untrusted: false };
  if (!fromTrustedProxy(req.socket.remoteAddress ?? "", trust))
    return { url: null, target: null, nginxStyle, untrusted: true };
  const url =
    original !== undefined
      ? parseOriginal(original)
      : parseOriginal(
          `${one(req.headers["x-forwarded-proto"]) ?? "http"}://${firstOf(host ?? "")}${one(req.headers["x-forwarded-uri"]) ?? "/"}`,
        );
  return { url, target: url ? targetOf(url) : null, nginxStyle, untrusted: false };
}

/** A comma list (several proxies appended): the first entry is what the browser sent. */
function firstOf(value: string): string {
  return (value.split(",")[0] ?? "").trim();
}

/** An absolute http(s) URL with a host, no userinfo, no backslashes or control characters. */
export function parseOriginal(value: string): URL | null {
  if (value.length > ORIGINAL_URL_MAX) return null;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing them is the point.
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return null;
  const m = /^(https?):\/\/([^/?#]+)(.*)$/i.exec(value);
  if (!m) return null;
  const [, , authority = "", rest = ""] = m;
  if (authority.includes("@")) return null;
  if (rest !== "" && !rest.startsWith("/") && !rest.startsWith("?")) return null;
  try {
    const url = new URL(value);
    if (url.username || url.password || !url.hostname) return null;
    return url;
  } catch {
    return null;
  }
}

export function targetOf(url: URL): AppTarget {
  return {
    hostname: url.hostname.toLowerCase().replace(/^\[|\]$/g, ""),
    port: url.port === "" ? null : Number(url.port),
  };
}

/**
 * A browser navigating (it will follow a redirect and show a page) rather than a script or
 * API client (which wants a status it can act on). Sec-Fetch-Mode says so in every current
 * browser; without it, an Accept that asks for HTML and no X-Requested-With.
 */
export function isNavigation(req: IncomingMessage): boolean {
  const mode = one(req.headers["sec-fetch-mode"]);
  if (mode !== undefined) return mode.toLowerCase() === "navigate";
  if (req.headers["x-requested-with"] !== undefined) return false;
  return (one(req.headers.accept) ?? "").toLowerCase().includes("text/html");
}
