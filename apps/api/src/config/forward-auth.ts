import { ConfigError } from "./config-error.js";
import { type Env, str } from "./parse.js";

/** The identity fields /auth/verify sends to the proxy, each under one header name. */
export const IDENTITY_FIELDS = ["user", "email", "name", "groups", "id"] as const;
export type IdentityField = (typeof IDENTITY_FIELDS)[number];

export interface ForwardAuthConfig {
  /** Header name per identity field (GATEHOUSE_FORWARD_AUTH_HEADERS over the defaults). */
  headers: Record<IdentityField, string>;
}

export const DEFAULT_IDENTITY_HEADERS: Record<IdentityField, string> = {
  user: "Remote-User",
  email: "Remote-Email",
  name: "Remote-Name",
  groups: "Remote-Groups",
  id: "Remote-Id",
};

/** An HTTP field name (RFC 9110 token), kept to letters, digits and dashes proxies all accept. */
const HEADER_NAME = /^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/;
/** Headers a proxy or the browser owns: renaming an identity header onto one would break things. */
const RESERVED = new Set([
  "host",
  "cookie",
  "set-cookie",
  "authorization",
  "content-type",
  "content-length",
  "location",
  "cache-control",
  "connection",
  "upgrade",
  "transfer-encoding",
]);

/**
 * GATEHOUSE_FORWARD_AUTH_HEADERS renames identity headers for apps that expect other names,
 * e.g. `email=X-Forwarded-Email,user=X-Forwarded-User`. Fields not listed keep Remote-*.
 */
export function forwardAuthConfig(env: Env): ForwardAuthConfig {
  const name = "GATEHOUSE_FORWARD_AUTH_HEADERS";
  const raw = str(env, name);
  const headers = { ...DEFAULT_IDENTITY_HEADERS };
  if (raw === undefined) return { headers };
  const fail = (why: string): never => {
    throw new ConfigError(
      `${name}: ${why}; use field=Header pairs separated by commas, fields ${IDENTITY_FIELDS.join(", ")} (e.g. email=X-Forwarded-Email).`,
    );
  };
  const seen = new Set<string>();
  for (const part of raw.split(",").map((s) => s.trim())) {
    if (part === "") continue;
    const eq = part.indexOf("=");
    const field = (eq < 0 ? part : part.slice(0, eq)).trim().toLowerCase();
    const header = eq < 0 ? "" : part.slice(eq + 1).trim();
    if (!(IDENTITY_FIELDS as readonly string[]).includes(field))
      fail(`"${field.slice(0, 40)}" is not an identity field`);
    if (seen.has(field)) fail(`"${field}" is listed twice`);
    if (!HEADER_NAME.test(header)) fail(`"${header.slice(0, 64)}" is not a header name`);
    if (RESERVED.has(header.toLowerCase()))
      fail(`"${header}" is a header proxies and browsers own`);
    seen.add(field);
    headers[field as IdentityField] = header;
  }
  const names = Object.values(headers).map((h) => h.toLowerCase());
  if (new Set(names).size !== names.length) fail("two fields share one header name");
  return { headers };
}
