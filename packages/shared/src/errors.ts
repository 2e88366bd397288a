/** Error codes carried in GraphQL `extensions.code`. Both the API and the console use these. */
export const ErrorCode = {
  UNAUTHENTICATED: "UNAUTHENTICATED",
  FORBIDDEN: "FORBIDDEN",
  BAD_USER_INPUT: "BAD_USER_INPUT",
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  INVALID_LINK: "INVALID_LINK",
  ACCOUNT_INACTIVE: "ACCOUNT_INACTIVE",
  RATE_LIMITED: "RATE_LIMITED",
  LAST_SUPERUSER: "LAST_SUPERUSER",
  FEATURE_DISABLED: "FEATURE_DISABLED",
  /**
   * A new sign-in method (Google) matches an existing account that it may not join on its
   * own: the owner signs in the usual way and links it from My account.
   */
  LINK_REQUIRED: "LINK_REQUIRED",
  DATABASE_UNAVAILABLE: "DATABASE_UNAVAILABLE",
  /** The server's secret key cannot read the stored secrets (misconfigured key or fallbacks). */
  SECRET_KEY_MISMATCH: "SECRET_KEY_MISMATCH",
  /** A sensitive operation needs a recent sign-in: call reauthenticate, then retry. */
  FRESH_SIGN_IN_REQUIRED: "FRESH_SIGN_IN_REQUIRED",
  INTERNAL_SERVER_ERROR: "INTERNAL_SERVER_ERROR",
  /** HTTP 421: the Host header names a site this server does not serve (DNS rebinding, tunnels). */
  MISDIRECTED_REQUEST: "MISDIRECTED_REQUEST",
  /** HTTP 403: the request came from a page on an origin this server does not serve. */
  ORIGIN_NOT_ALLOWED: "ORIGIN_NOT_ALLOWED",
  /** Two session cookies in one request: another site under the same domain set one. */
  DUPLICATE_SESSION_COOKIE: "DUPLICATE_SESSION_COOKIE",
  /**
   * The request authenticated with an API key, and keys may not do this (create keys, change
   * passwords, re-authenticate, link sign-in methods, sensitive operations): use a session.
   */
  API_KEY_NOT_ALLOWED: "API_KEY_NOT_ALLOWED",
  /** Another group already has this name (names are unique regardless of case). */
  GROUP_NAME_TAKEN: "GROUP_NAME_TAKEN",
  /** createVariable: the owner already has a variable with this name (setVariable replaces). */
  VARIABLE_EXISTS: "VARIABLE_EXISTS",
  /** The app is declared in GATEHOUSE_APPS: change it there, not over the API. */
  APP_DECLARED: "APP_DECLARED",
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];
