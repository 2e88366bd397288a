import { isAbsolute, resolve } from "node:path";
import { DEFAULT_CONSOLE_DIR } from "../paths.js";
import { type AppsConfig, appsConfig } from "./apps.js";
import { ConfigError } from "./config-error.js";
import { type CrossSiteConfig, crossSiteConfig } from "./cross-site.js";
import { readEnvFile } from "./env-file.js";
import { type ForwardAuthConfig, forwardAuthConfig } from "./forward-auth.js";
import { type MetricsConfig, metricsConfig } from "./observability.js";
import { type OidcConfig, oidcConfig } from "./oidc.js";
import { bool, duration, type Env, hostList, oneOf, port, str, url } from "./parse.js";
import { type ProxyTrust, proxyTrust } from "./proxy-trust.js";
import { readSecretFiles } from "./secret-files.js";

export { ConfigError } from "./config-error.js";

export type LogLevel = "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";

export interface ResendConfig {
  apiKey: string;
  from: string;
  /** Only for tests and proxies; the SDK's own default otherwise. */
  baseUrl?: string;
}

export interface GoogleConfig {
  clientId: string;
  clientSecret?: string;
  certsUrl: string;
  authUrl: string;
  tokenUrl: string;
}

/** Everything Gatehouse reads from its environment, parsed and validated once. */
export interface Config {
  autoLogin: boolean;
  allowRemoteAutoLogin: boolean;
  /** GATEHOUSE_ALLOWED_HOSTS: extra Host names (lower-case, `host` or `host:port`) we answer. */
  allowedHosts: string[];
  /** GATEHOUSE_INTROSPECTION: schema introspection for everyone, even anonymous team-mode callers. */
  introspection: boolean;
  /** The env superuser. The password is cleared (set to undefined) once bootstrap used it. */
  superuser?: { username: string; password: string | undefined };
  secretKey?: string;
  secretKeyFallbacks: string[];
  newUserIsActive: boolean;
  host: string;
  port: number;
  /** Base of links in emails, without a trailing slash. */
  publicUrl: string;
  /** Set when GATEHOUSE_PUBLIC_URL was given; otherwise derived from the bound address. */
  publicUrlExplicit: boolean;
  dataDir: string;
  databaseUrl?: string;
  resend?: ResendConfig;
  google?: GoogleConfig;
  trustProxy: boolean;
  /** Which X-Forwarded-For hops to believe (GATEHOUSE_TRUST_PROXY). */
  proxyTrust: ProxyTrust;
  sessionTtlMs: number;
  /** Absolute session lifetime, however active (GATEHOUSE_SESSION_MAX_AGE). */
  sessionMaxAgeMs: number;
  /** How recent a sign-in sensitive operations ask for (GATEHOUSE_FRESH_SIGN_IN). */
  freshSignInMs: number;
  magicLinkTtlMs: number;
  allowAdminLinksForSuperusers: boolean;
  logLevel: LogLevel;
  appName: string;
  /** Where the built console lives; served at / when present. */
  consoleDir: string;
  metrics: MetricsConfig;
  /** /auth/verify: identity header names (GATEHOUSE_FORWARD_AUTH_HEADERS). */
  forwardAuth: ForwardAuthConfig;
  /** GATEHOUSE_COOKIE_DOMAIN and GATEHOUSE_CORS_ORIGINS (config/cross-site.ts). */
  crossSite: CrossSiteConfig;
  /** GATEHOUSE_APPS and GATEHOUSE_FORWARD_AUTH_DEFAULT (config/apps.ts). */
  apps: AppsConfig;
  /** OpenID Connect provider settings (config/oidc.ts). */
  oidc: OidcConfig;
}

export interface CliOverrides {
  envFile?: string;
  anonymousMode?: boolean;
  host?: string;
  port?: string;
}

/** Merge an --env-file under the real environment: the environment wins. */
export function environmentWithFile(env: Env, envFile?: string): Env {
  if (!envFile) return env;
  return { ...readEnvFile(envFile), ...env };
}

export function loadConfig(env: Env, cli: CliOverrides = {}): Config {
  const merged: Env = readSecretFiles(environmentWithFile(env, cli.envFile));
  if (cli.host !== undefined) merged.GATEHOUSE_HOST = cli.host;
  if (cli.port !== undefined) merged.GATEHOUSE_PORT = cli.port;

  const autoLogin = cli.anonymousMode ? true : bool(merged, "GATEHOUSE_AUTO_LOGIN", true);
  const host = str(merged, "GATEHOUSE_HOST") ?? "127.0.0.1";
  const listenPort = port(merged, "GATEHOUSE_PORT", 7861);
  const publicUrlValue = url(merged, "GATEHOUSE_PUBLIC_URL");
  const urlHost = host.includes(":") ? `[${host}]` : host;
  const publicUrl = (publicUrlValue?.toString() ?? `http://${urlHost}:${listenPort}`).replace(
    /\/+$/,
    "",
  );

  const dataDirRaw = str(merged, "GATEHOUSE_DATA_DIR") ?? "./data";
  const dataDir = isAbsolute(dataDirRaw) ? dataDirRaw : resolve(process.cwd(), dataDirRaw);

  const databaseUrl = str(merged, "DATABASE_URL");
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError("DATABASE_URL must start with postgres:// or postgresql://.");
  }

  const suName = str(merged, "GATEHOUSE_SUPERUSER");
  const suPass = merged.GATEHOUSE_SUPERUSER_PASSWORD;
  if (suName && !suPass) {
    throw new ConfigError(
      "GATEHOUSE_SUPERUSER is set without GATEHOUSE_SUPERUSER_PASSWORD; set both or neither.",
    );
  }
  if (!suName && suPass) {
    throw new ConfigError(
      "GATEHOUSE_SUPERUSER_PASSWORD is set without GATEHOUSE_SUPERUSER; set both or neither.",
    );
  }

  const resendKey = str(merged, "RESEND_API_KEY");
  const resendFrom = str(merged, "RESEND_FROM");
  if (resendKey && !resendFrom) {
    throw new ConfigError(
      'RESEND_API_KEY is set but RESEND_FROM is not; set it to a sender like "Gatehouse <auth@example.com>".',
    );
  }
  const resendBase = url(merged, "RESEND_BASE_URL");

  const googleId = str(merged, "GOOGLE_CLIENT_ID");
  const googleSecret = str(merged, "GOOGLE_CLIENT_SECRET");
  if (googleSecret && !googleId) {
    throw new ConfigError(
      "GOOGLE_CLIENT_SECRET is set without GOOGLE_CLIENT_ID; set both for Google sign-in.",
    );
  }

  const fallbacks = (str(merged, "GATEHOUSE_SECRET_KEY_FALLBACKS") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");

  const trust = proxyTrust(merged, "GATEHOUSE_TRUST_PROXY");

  return {
    autoLogin,
    allowRemoteAutoLogin: bool(merged, "GATEHOUSE_ALLOW_REMOTE_AUTO_LOGIN", false),
    allowedHosts: hostList(merged, "GATEHOUSE_ALLOWED_HOSTS"),
    introspection: bool(merged, "GATEHOUSE_INTROSPECTION", false),
    superuser: suName ? { username: suName, password: suPass } : undefined,
    secretKey: str(merged, "GATEHOUSE_SECRET_KEY"),
    secretKeyFallbacks: fallbacks,
    newUserIsActive: bool(merged, "GATEHOUSE_NEW_USER_IS_ACTIVE", false),
    host,
    port: listenPort,
    publicUrl,
    publicUrlExplicit: publicUrlValue !== undefined,
    dataDir,
    databaseUrl,
    resend:
      resendKey && resendFrom
        ? {
            apiKey: resendKey,
            from: resendFrom,
            baseUrl: resendBase?.toString().replace(/\/+$/, ""),
          }
        : undefined,
    google: googleId
      ? {
          clientId: googleId,
          clientSecret: googleSecret,
          certsUrl:
            url(merged, "GOOGLE_OAUTH_CERTS_URL")?.toString() ??
            "https://www.googleapis.com/oauth2/v1/certs",
          authUrl:
            url(merged, "GOOGLE_OAUTH_AUTH_URL")?.toString() ??
            "https://accounts.google.com/o/oauth2/v2/auth",
          tokenUrl:
            url(merged, "GOOGLE_OAUTH_TOKEN_URL")?.toString() ??
            "https://oauth2.googleapis.com/token",
        }
      : undefined,
    trustProxy: trust.hops > 0 || trust.ranges !== null,
    proxyTrust: trust,
    sessionTtlMs: duration(merged, "GATEHOUSE_SESSION_TTL", 30 * 86_400_000),
    sessionMaxAgeMs: duration(merged, "GATEHOUSE_SESSION_MAX_AGE", 90 * 86_400_000),
    freshSignInMs: duration(merged, "GATEHOUSE_FRESH_SIGN_IN", 15 * 60_000),
    magicLinkTtlMs: duration(merged, "GATEHOUSE_MAGIC_LINK_TTL", 15 * 60_000),
    allowAdminLinksForSuperusers: bool(merged, "GATEHOUSE_ALLOW_ADMIN_LINKS_FOR_SUPERUSERS", false),
    logLevel: oneOf(
      merged,
      "GATEHOUSE_LOG_LEVEL",
      ["fatal", "error", "warn", "info", "debug", "trace", "silent"],
      "info",
    ),
    appName: str(merged, "GATEHOUSE_APP_NAME") ?? "Gatehouse",
    consoleDir: str(merged, "GATEHOUSE_CONSOLE_DIR") ?? DEFAULT_CONSOLE_DIR,
    metrics: metricsConfig(merged),
    forwardAuth: forwardAuthConfig(merged),
    crossSite: crossSiteConfig(merged, publicUrl),
    apps: appsConfig(merged),
    oidc: oidcConfig(merged),
  };
}
