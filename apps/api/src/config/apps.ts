import { readFileSync } from "node:fs";
import {
  APP_GROUPS_MAX,
  APP_HOSTS_MAX,
  appNameProblem,
  appSlug,
} from "../features/apps/app-name.js";
import { HostPatternError, parseHostPattern } from "../features/apps/host-pattern.js";
import { ConfigError } from "./config-error.js";
import { type Env, oneOf, str } from "./parse.js";

export type DeclaredAccess = "ALL_USERS" | "SUPERUSERS" | "GROUPS";
const ACCESS: readonly DeclaredAccess[] = ["ALL_USERS", "SUPERUSERS", "GROUPS"];

/** One app from GATEHOUSE_APPS, validated and normalised. */
export interface DeclaredAppConfig {
  /** `config:<slug of name>`: stable across restarts, so API keys can be scoped to it. */
  id: string;
  name: string;
  hosts: string[];
  access: DeclaredAccess;
  /** Group names as written (GROUPS only; empty otherwise). */
  groups: string[];
}

export interface AppsConfig {
  declared: DeclaredAppConfig[];
  /**
   * GATEHOUSE_FORWARD_AUTH_DEFAULT for hosts no app covers; null when unset (allow while no
   * app exists at all, deny once one does).
   */
  forwardAuthDefault: "allow" | "deny" | null;
}

const VAR = "GATEHOUSE_APPS";
const KEYS = new Set(["name", "hosts", "access", "groups"]);

export function appsConfig(env: Env): AppsConfig {
  const forwardAuthDefault =
    str(env, "GATEHOUSE_FORWARD_AUTH_DEFAULT") === undefined
      ? null
      : oneOf(env, "GATEHOUSE_FORWARD_AUTH_DEFAULT", ["allow", "deny"], "deny");
  const value = str(env, VAR);
  return { declared: value === undefined ? [] : parseDeclaredApps(value), forwardAuthDefault };
}

/** Inline JSON (starts with `[`) or the path of a JSON file. */
export function parseDeclaredApps(value: string): DeclaredAppConfig[] {
  let text = value;
  let source = `${VAR}`;
  if (!value.startsWith("[")) {
    if (value.startsWith("{")) {
      throw new ConfigError(`${VAR} must be a JSON array of apps: wrap the object in [ ].`);
    }
    try {
      text = readFileSync(value, "utf8");
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? "error";
      throw new ConfigError(
        `${VAR}=${value} is neither inline JSON (starting with [) nor a readable file (${code}); fix the path or paste the JSON.`,
      );
    }
    source = `${VAR} file ${value}`;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`${source} is not valid JSON: ${(err as Error).message}.`);
  }
  if (!Array.isArray(parsed)) {
    throw new ConfigError(`${source} must be a JSON array of apps, like [{"name":"Chat",...}].`);
  }
  const apps = parsed.map((entry, i) => parseEntry(entry, i, source));
  const names = new Map<string, number>();
  const hosts = new Map<string, string>();
  for (const [i, app] of apps.entries()) {
    const other = names.get(app.id);
    if (other !== undefined) {
      throw new ConfigError(
        `${source}: entries ${other + 1} and ${i + 1} have the same name (or id ${app.id}); give each app its own name.`,
      );
    }
    names.set(app.id, i);
    for (const h of app.hosts) {
      const owner = hosts.get(h);
      if (owner !== undefined && owner !== app.name) {
        throw new ConfigError(
          `${source}: host ${h} is listed by both "${owner}" and "${app.name}"; a host belongs to one app.`,
        );
      }
      hosts.set(h, app.name);
    }
  }
  return apps;
}

function parseEntry(entry: unknown, index: number, source: string): DeclaredAppConfig {
  const at = (what: string) =>
    new ConfigError(
      `${source}: entry ${index + 1}${label(entry)}: ${what}. Example: {"name":"Chat","hosts":["chat.example.com"],"access":"GROUPS","groups":["engineering"]}`,
    );
  if (typeof entry !== "object" || entry === null || Array.isArray(entry)) {
    throw at("is not an object");
  }
  const e = entry as Record<string, unknown>;
  const unknownKey = Object.keys(e).find((k) => !KEYS.has(k));
  if (unknownKey) throw at(`unknown field "${unknownKey}" (fields: name, hosts, access, groups)`);
  if (typeof e.name !== "string") throw at(`"name" must be a string`);
  const name = e.name.trim();
  const nameProblem = appNameProblem(name);
  if (nameProblem) throw at(nameProblem.replace(/\.$/, ""));
  const slug = appSlug(name);
  if (slug === "") throw at(`"name" needs at least one letter or digit`);
  if (!Array.isArray(e.hosts) || e.hosts.length === 0) {
    throw at(`"hosts" must be a non-empty list of host names`);
  }
  if (e.hosts.length > APP_HOSTS_MAX) throw at(`at most ${APP_HOSTS_MAX} hosts per app`);
  const hosts: string[] = [];
  for (const h of e.hosts) {
    if (typeof h !== "string") throw at(`every host must be a string`);
    try {
      const p = parseHostPattern(h);
      if (!hosts.includes(p)) hosts.push(p);
    } catch (err) {
      if (err instanceof HostPatternError) throw at(err.message);
      throw err;
    }
  }
  const access = e.access;
  if (typeof access !== "string" || !(ACCESS as readonly string[]).includes(access)) {
    throw at(`"access" must be one of ${ACCESS.join(", ")}`);
  }
  let groups: string[] = [];
  if (access === "GROUPS") {
    if (!Array.isArray(e.groups) || e.groups.length === 0) {
      throw at(`access GROUPS needs "groups", a non-empty list of group names`);
    }
    if (e.groups.length > APP_GROUPS_MAX) throw at(`at most ${APP_GROUPS_MAX} groups per app`);
    if (!e.groups.every((g) => typeof g === "string" && g.trim() !== "" && g.trim().length <= 64)) {
      throw at(`every group name must be a non-empty string of at most 64 characters`);
    }
    // One spelling per group: "Eng" and "eng" are the same group.
    const byKey = new Map<string, string>();
    for (const g of e.groups as string[]) {
      if (!byKey.has(g.trim().toLowerCase())) byKey.set(g.trim().toLowerCase(), g.trim());
    }
    groups = [...byKey.values()];
  } else if (e.groups !== undefined) {
    throw at(`"groups" only applies with access GROUPS; remove it or set "access":"GROUPS"`);
  }
  return { id: `config:${slug}`, name, hosts, access: access as DeclaredAccess, groups };
}

function label(entry: unknown): string {
  const name = (entry as { name?: unknown } | null)?.name;
  return typeof name === "string" ? ` ("${name.slice(0, 64)}")` : "";
}
