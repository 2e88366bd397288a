import { ConfigError } from "./config-error.js";
import { type Env, str } from "./parse.js";

/** Settings that let other hosts and origins share Gatehouse's sign-in (issue 14). */
export interface CrossSiteConfig {
  /**
   * GATEHOUSE_COOKIE_DOMAIN, lower-case, without a leading dot, or null: the session cookie
   * is then set with `Domain=`, so every host under it receives it (forward auth on siblings).
   */
  cookieDomain: string | null;
  /** GATEHOUSE_CORS_ORIGINS: exact origins (`scheme://host[:port]`) allowed credentialed CORS. */
  corsOrigins: string[];
}

const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

function cookieDomain(env: Env, publicUrl: string): string | null {
  const raw = str(env, "GATEHOUSE_COOKIE_DOMAIN");
  if (raw === undefined) return null;
  const domain = raw.toLowerCase().replace(/^\./, "");
  const labels = domain.split(".");
  if (domain.length > 253 || !labels.every((l) => LABEL.test(l)) || /^[\d.]+$/.test(domain)) {
    throw new ConfigError(
      `GATEHOUSE_COOKIE_DOMAIN="${raw.slice(0, 100)}" is not a DNS name; set it to the parent domain the console and your apps share, e.g. example.com (no scheme, port or IP address).`,
    );
  }
  const host = new URL(publicUrl).hostname.toLowerCase();
  if (host !== domain && !host.endsWith(`.${domain}`)) {
    throw new ConfigError(
      `GATEHOUSE_COOKIE_DOMAIN=${domain} does not contain GATEHOUSE_PUBLIC_URL's host ${host}; a browser would refuse the cookie. Set GATEHOUSE_PUBLIC_URL to a host under ${domain} (e.g. https://auth.${domain}) or fix the domain.`,
    );
  }
  return domain;
}

/** One origin as a browser sends it in `Origin`, or null when the text is not exactly that. */
export function exactOrigin(value: string): string | null {
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    return null;
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") return null;
  return u.origin === value.toLowerCase() ? u.origin : null;
}

function corsOrigins(env: Env): string[] {
  const raw = str(env, "GATEHOUSE_CORS_ORIGINS");
  if (raw === undefined) return [];
  const entries = raw
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
  for (const entry of entries) {
    if (entry === "*" || exactOrigin(entry) === null) {
      throw new ConfigError(
        `GATEHOUSE_CORS_ORIGINS entry "${entry.slice(0, 100)}" is not an exact origin; list origins like https://app.example.com or http://localhost:3000 (scheme, host and port only: no path, no trailing slash, no wildcard).`,
      );
    }
  }
  return [...new Set(entries.map((e) => exactOrigin(e)!))];
}

export function crossSiteConfig(env: Env, publicUrl: string): CrossSiteConfig {
  return { cookieDomain: cookieDomain(env, publicUrl), corsOrigins: corsOrigins(env) };
}
