import { badInput } from "../../errors.js";

export interface OidcClientInput {
  name: string;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  isPublic: boolean;
  firstParty: boolean;
  grantTypes: string[];
  accessTokenFormat: "opaque" | "jwt";
  appId?: string | null;
}

const KNOWN_GRANTS = new Set([
  "authorization_code",
  "refresh_token",
  "client_credentials",
  "urn:ietf:params:oauth:grant-type:device_code",
]);
const MAX_URIS = 20;

/** An exact redirect target: absolute http(s) (http only for loopback) without a fragment. */
function checkUri(uri: string, field: string): void {
  let u: URL;
  try {
    u = new URL(uri);
  } catch {
    throw badInput(`"${uri}" is not an absolute URL.`, field);
  }
  if (u.hash || uri.includes("#"))
    throw badInput(`"${uri}" must not contain a fragment (#).`, field);
  const loopback = ["localhost", "127.0.0.1", "[::1]"].includes(u.hostname);
  const custom = u.protocol !== "http:" && u.protocol !== "https:";
  // Native apps use private-use schemes (RFC 8252); web apps must use HTTPS except on loopback.
  if (u.protocol === "http:" && !loopback)
    throw badInput(`"${uri}" must use https (http is allowed only for localhost).`, field);
  if (custom && !/^[a-z][a-z0-9+.-]*\.[a-z0-9+.-]+:$/.test(u.protocol))
    throw badInput(`"${uri}" uses an unsupported scheme.`, field);
  if (uri.length > 2000) throw badInput("A URL may be at most 2000 characters.", field);
}

/** Validates and normalises client settings; throws BAD_USER_INPUT naming the field. */
export function checkClientInput(input: OidcClientInput): OidcClientInput {
  const name = input.name.trim();
  if (!name || name.length > 128) throw badInput("Name must be 1 to 128 characters.", "name");
  const grantTypes = [...new Set(input.grantTypes)];
  if (grantTypes.length === 0) throw badInput("Allow at least one grant type.", "grantTypes");
  for (const g of grantTypes)
    if (!KNOWN_GRANTS.has(g)) throw badInput(`Unknown grant type "${g}".`, "grantTypes");
  if (input.isPublic && grantTypes.includes("client_credentials"))
    throw badInput(
      "A public client has no secret, so it cannot use client_credentials.",
      "grantTypes",
    );
  if (grantTypes.includes("refresh_token") && grantTypes.length === 1)
    throw badInput("refresh_token needs a grant that issues tokens to a user.", "grantTypes");
  const redirectUris = [...new Set(input.redirectUris.map((u) => u.trim()))];
  const postLogoutRedirectUris = [...new Set(input.postLogoutRedirectUris.map((u) => u.trim()))];
  if (redirectUris.length > MAX_URIS || postLogoutRedirectUris.length > MAX_URIS)
    throw badInput(`At most ${MAX_URIS} URLs each.`, "redirectUris");
  for (const u of redirectUris) checkUri(u, "redirectUris");
  for (const u of postLogoutRedirectUris) checkUri(u, "postLogoutRedirectUris");
  if (grantTypes.includes("authorization_code") && redirectUris.length === 0)
    throw badInput("The authorization_code grant needs at least one redirect URI.", "redirectUris");
  if (input.accessTokenFormat !== "opaque" && input.accessTokenFormat !== "jwt")
    throw badInput('accessTokenFormat is "opaque" or "jwt".', "accessTokenFormat");
  const appId = input.appId?.trim() || null;
  if (appId && appId.length > 128) throw badInput("appId is too long.", "appId");
  return {
    name,
    redirectUris,
    postLogoutRedirectUris,
    isPublic: input.isPublic,
    firstParty: input.firstParty,
    grantTypes,
    accessTokenFormat: input.accessTokenFormat,
    appId,
  };
}
