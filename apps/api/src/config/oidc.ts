import { duration, type Env } from "./parse.js";

export interface OidcConfig {
  /** GATEHOUSE_OIDC_KEY_GRACE: how long a rotated-out signing key stays in the JWKS. */
  keyGraceMs: number;
  /** GATEHOUSE_OIDC_SECRET_OVERLAP: how long a client's old secret works after rotation. */
  secretOverlapMs: number;
  /** GATEHOUSE_OIDC_ACCESS_TOKEN_TTL. */
  accessTokenTtlMs: number;
  /**
   * GATEHOUSE_OIDC_JWT_ACCESS_TOKEN_TTL: JWT (RFC 9068) access tokens are checked offline by
   * resource servers, so nothing revokes them before they expire: short by default.
   */
  jwtAccessTokenTtlMs: number;
  /** GATEHOUSE_OIDC_REFRESH_TOKEN_TTL: each refresh rotates the token and restarts this. */
  refreshTokenTtlMs: number;
}

export function oidcConfig(env: Env): OidcConfig {
  return {
    keyGraceMs: duration(env, "GATEHOUSE_OIDC_KEY_GRACE", 7 * 86_400_000),
    secretOverlapMs: duration(env, "GATEHOUSE_OIDC_SECRET_OVERLAP", 86_400_000),
    accessTokenTtlMs: duration(env, "GATEHOUSE_OIDC_ACCESS_TOKEN_TTL", 3_600_000),
    jwtAccessTokenTtlMs: duration(env, "GATEHOUSE_OIDC_JWT_ACCESS_TOKEN_TTL", 5 * 60_000),
    refreshTokenTtlMs: duration(env, "GATEHOUSE_OIDC_REFRESH_TOKEN_TTL", 30 * 86_400_000),
  };
}
