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
