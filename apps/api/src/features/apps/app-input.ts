import { badInput } from "../../errors.js";
import { AppAccessRule } from "./app.entity.js";
import { APP_GROUPS_MAX, APP_HOSTS_MAX, appNameProblem } from "./app-name.js";
import { HostPatternError, parseHostPattern } from "./host-pattern.js";

/** What createApp / updateApp receive, before validation. */
export interface AppInputData {
  name: string;
  hosts: string[];
  access: AppAccessRule;
  /** Only for the GROUPS rule; ignored (stored as none) for the others. */
  groupNames?: string[] | null;
}

export interface CheckedAppInput {
  name: string;
  nameKey: string;
  hosts: string[];
  access: AppAccessRule;
  /** Distinct, trimmed; empty unless access is GROUPS. */
  groupNames: string[];
}

/** Validates and normalises an app input; BAD_USER_INPUT naming the field otherwise. */
export function checkAppInput(input: AppInputData): CheckedAppInput {
  const name = input.name.trim();
  const problem = appNameProblem(name);
  if (problem) throw badInput(problem, "name");
  const hosts: string[] = [];
  for (const h of input.hosts) {
    if (h.trim() === "") continue;
    let pattern: string;
    try {
      pattern = parseHostPattern(h);
    } catch (err) {
      if (err instanceof HostPatternError) throw badInput(`${capitalise(err.message)}.`, "hosts");
      throw err;
    }
    if (!hosts.includes(pattern)) hosts.push(pattern);
  }
  if (hosts.length === 0) {
    throw badInput("List at least one host, like app.example.com or *.example.com.", "hosts");
  }
  if (hosts.length > APP_HOSTS_MAX) {
    throw badInput(`An app has at most ${APP_HOSTS_MAX} hosts.`, "hosts");
  }
  if (!Object.values(AppAccessRule).includes(input.access)) {
    throw badInput("The access rule must be ALL_USERS, SUPERUSERS or GROUPS.", "access");
  }
  let groupNames: string[] = [];
  if (input.access === AppAccessRule.GROUPS) {
    const seen = new Set<string>();
    for (const g of input.groupNames ?? []) {
      const t = g.trim();
      if (t === "" || seen.has(t.toLowerCase())) continue;
      seen.add(t.toLowerCase());
      groupNames.push(t);
    }
    if (groupNames.length === 0) {
      throw badInput("The GROUPS rule needs at least one group name.", "groupNames");
    }
    if (groupNames.length > APP_GROUPS_MAX) {
      throw badInput(`An app lists at most ${APP_GROUPS_MAX} groups.`, "groupNames");
    }
  } else {
    groupNames = [];
  }
  return { name, nameKey: name.toLowerCase(), hosts, access: input.access, groupNames };
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
