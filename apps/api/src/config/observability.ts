import { ConfigError } from "./config-error.js";
import { bool, type Env, str } from "./parse.js";

export interface MetricsConfig {
  /** GATEHOUSE_METRICS: /metrics answers at all (404 when off). */
  enabled: boolean;
  /** GATEHOUSE_METRICS_TOKEN: lets non-loopback scrapers in with `Authorization: Bearer`. */
  token?: string;
}

const MIN_TOKEN_LENGTH = 16;

export function metricsConfig(env: Env): MetricsConfig {
  const enabled = bool(env, "GATEHOUSE_METRICS", true);
  const token = str(env, "GATEHOUSE_METRICS_TOKEN");
  if (token !== undefined && token.length < MIN_TOKEN_LENGTH) {
    throw new ConfigError(
      `GATEHOUSE_METRICS_TOKEN is too short to be a secret; use at least ${MIN_TOKEN_LENGTH} random characters (e.g. \`openssl rand -hex 32\`).`,
    );
  }
  return { enabled, token };
}
