import type { Config } from "../../config/config.js";

// Kept apart from provider.ts so the routes can name the paths without loading oidc-provider,
// which is imported only when the first OpenID Connect request arrives.

/** Every provider endpoint lives under this path (the discovery document aside). */
export const OIDC_PREFIX = "/oidc";
export const INTERACTION_PATH = `${OIDC_PREFIX}/interaction`;

/** The path part of the public URL ("" or "/prefix"): the proxy strips it before us. */
export function basePath(config: Config): string {
  return new URL(config.publicUrl).pathname.replace(/\/+$/, "");
}

/**
 * Endpoints a browser app on another origin may call (CORS, issue 15): the token, userinfo
 * and revocation endpoints for origins of the calling client's redirect URIs (provider.ts,
 * clientBasedCORS), and the public JWKS and discovery documents for anyone. The host guard
 * leaves their Origin to the provider; every other path keeps refusing foreign origins.
 */
export const CLIENT_CORS_PATHS: ReadonlySet<string> = new Set([
  `${OIDC_PREFIX}/token`,
  `${OIDC_PREFIX}/me`,
  `${OIDC_PREFIX}/token/revocation`,
]);
export const OPEN_CORS_PATHS: ReadonlySet<string> = new Set([
  `${OIDC_PREFIX}/jwks`,
  "/.well-known/openid-configuration",
]);

/** The origin of a redirect URI, or null (private-use schemes have none a browser sends). */
export function redirectOrigin(uri: string): string | null {
  try {
    const u = new URL(uri);
    return u.protocol === "http:" || u.protocol === "https:" ? u.origin : null;
  } catch {
    return null;
  }
}
