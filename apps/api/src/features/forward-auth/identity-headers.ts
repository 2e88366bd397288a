import type { ForwardAuthConfig, IdentityField } from "../../config/forward-auth.js";

export interface Identity {
  id: string;
  username: string;
  email: string | null;
  /** Shown name: the user's display name, or the username when none is set. */
  name: string;
  groups: readonly string[];
}

/** Printable ASCII without `%` (the escape) and, inside lists, without `,` (the separator). */
const PLAIN = /^[\x20-\x24\x26-\x7e]*$/;
const PLAIN_ITEM = /^[\x20-\x24\x26-\x2b\x2d-\x7e]*$/;

/**
 * A header value a proxy passes on unchanged and any app can read: printable ASCII stays as
 * it is; anything else (non-ASCII names, CR/LF, `%`) is sent percent-encoded as UTF-8. A raw
 * value never contains `%`, so an app decodes exactly when it sees one.
 */
export function headerValue(value: string): string {
  return PLAIN.test(value) ? value : encodeURIComponent(value);
}

/** Group names, comma-separated; a name with a comma (or anything not plain) is percent-encoded. */
export function groupsValue(groups: readonly string[]): string {
  return groups.map((g) => (PLAIN_ITEM.test(g) ? g : encodeURIComponent(g))).join(",");
}

/**
 * Every identity header, always, empty when there is no value: proxies that copy a header
 * only when the answer has it would otherwise let a client-sent one through.
 */
export function identityHeaders(
  identity: Identity,
  config: ForwardAuthConfig,
): Record<string, string> {
  const values: Record<IdentityField, string> = {
    user: headerValue(identity.username),
    email: headerValue(identity.email ?? ""),
    name: headerValue(identity.name),
    groups: groupsValue(identity.groups),
    id: headerValue(identity.id),
  };
  const out: Record<string, string> = {};
  for (const field of Object.keys(values) as IdentityField[])
    out[config.headers[field]] = values[field];
  return out;
}
