import { ConfigError } from "./config-error.js";

export type Env = Record<string, string | undefined>;

/** Every variable name the config code has asked for: the known names, for typo warnings. */
export const variablesRead = new Set<string>();

export function str(env: Env, name: string): string | undefined {
  variablesRead.add(name);
  const v = env[name];
  if (v === undefined) return undefined;
  const t = v.trim();
  return t === "" ? undefined : t;
}

const TRUE = new Set(["true", "1", "yes", "on"]);
const FALSE = new Set(["false", "0", "no", "off"]);

export function bool(env: Env, name: string, fallback: boolean): boolean {
  const v = str(env, name);
  if (v === undefined) return fallback;
  const l = v.toLowerCase();
  if (TRUE.has(l)) return true;
  if (FALSE.has(l)) return false;
  throw new ConfigError(`${name}=${v} is not a boolean; use true or false.`);
}

export function port(env: Env, name: string, fallback: number): number {
  const v = str(env, name);
  if (v === undefined) return fallback;
  if (!/^\d+$/.test(v) || Number(v) > 65535) {
    throw new ConfigError(`${name}=${v} is not a port; use a whole number from 0 to 65535.`);
  }
  return Number(v);
}

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Durations are written like 15m, 30d, 90s or 500ms; a bare number means seconds. */
export function duration(env: Env, name: string, fallbackMs: number): number {
  const v = str(env, name);
  if (v === undefined) return fallbackMs;
  const m = /^(\d+)(ms|s|m|h|d)?$/.exec(v);
  if (!m || Number(m[1]) <= 0) {
    throw new ConfigError(`${name}=${v} is not a duration; write it like 15m, 12h or 30d.`);
  }
  return Number(m[1]) * (UNITS[m[2] ?? "s"] ?? 1000);
}

export function url(env: Env, name: string): URL | undefined {
  const v = str(env, name);
  if (v === undefined) return undefined;
  let u: URL;
  try {
    u = new URL(v);
  } catch {
    throw new ConfigError(`${name}=${v} is not a URL; write it like https://auth.example.com.`);
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") {
    throw new ConfigError(`${name} must be an http:// or https:// URL.`);
  }
  return u;
}

export function oneOf<T extends string>(
  env: Env,
  name: string,
  values: readonly T[],
  fallback: T,
): T {
  const v = str(env, name);
  if (v === undefined) return fallback;
  if (!(values as readonly string[]).includes(v)) {
    throw new ConfigError(`${name}=${v} is not valid; use one of ${values.join(", ")}.`);
  }
  return v as T;
}

/**
 * Host names as a browser sends them in `Host`: `name` (any port) or `name:port`, comma
 * separated; returned lower-case, with default ports dropped the way URL() drops them.
 */
export function hostList(env: Env, name: string): string[] {
  const v = str(env, name);
  if (v === undefined) return [];
  return v
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "")
    .map((entry) => {
      if (entry.includes("*")) {
        throw new ConfigError(
          `${name}: "${entry}" has a wildcard; list each host name (auth.example.com, box.lan:7861).`,
        );
      }
      const host = /^[^\s/\\@?#]+$/.test(entry) ? parseHost(entry) : null;
      if (host === null) {
        throw new ConfigError(
          `${name}: "${entry}" is not a host name; list names like auth.example.com or box.lan:7861, without http:// or paths.`,
        );
      }
      return host;
    });
}

/** `name[:port]` as URL() normalises it (lower case, default port dropped), or null. */
export function parseHost(value: string): string | null {
  try {
    const u = new URL(`http://${value}`);
    if (u.username || u.password || u.pathname !== "/" || u.search || u.hash) return null;
    return u.host === "" ? null : u.host;
  } catch {
    return null;
  }
}
