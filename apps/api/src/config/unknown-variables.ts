import { closest, distance } from "fastest-levenshtein";
import type { Env } from "./parse.js";
import { variablesRead } from "./parse.js";

/** Read without str() (kept verbatim), or only when another setting is present. */
const READ_DIRECTLY = [
  "GATEHOUSE_SUPERUSER_PASSWORD",
  "GOOGLE_OAUTH_CERTS_URL",
  "GOOGLE_OAUTH_AUTH_URL",
  "GOOGLE_OAUTH_TOKEN_URL",
];

/** Known names: everything loadConfig has read so far (call it first), plus READ_DIRECTLY. */
export function knownVariables(): Set<string> {
  return new Set([...variablesRead, ...READ_DIRECTLY]);
}

export interface VariableWarning {
  name: string;
  /** The closest real variable, when one is close enough to be the intended one. */
  suggestion?: string;
  message: string;
}

/**
 * A GATEHOUSE_* name may be up to one edit in four characters off; any other name (the
 * environment holds plenty that are not ours) at most two.
 */
function closeEnough(name: string, known: string): boolean {
  const limit = name.startsWith("GATEHOUSE_") ? Math.max(2, Math.floor(known.length / 4)) : 2;
  return distance(name, known) <= limit;
}

/**
 * Settings that do nothing because of a typo: any unknown GATEHOUSE_* name, and any other
 * name within a couple of edits of a real one (a typo in the prefix, say).
 */
export function misspelledVariables(
  env: Env,
  known: Set<string> = knownVariables(),
): VariableWarning[] {
  const names = [...known].sort();
  if (names.length === 0) return [];
  const warnings: VariableWarning[] = [];
  for (const name of Object.keys(env).sort()) {
    if (known.has(name) || env[name] === undefined) continue;
    const best = closest(name, names);
    const near = closeEnough(name, best);
    if (!near && !name.startsWith("GATEHOUSE_")) continue;
    warnings.push({
      name,
      suggestion: near ? best : undefined,
      message: near
        ? `${name} is not a Gatehouse setting and is ignored; did you mean ${best}?`
        : `${name} is not a Gatehouse setting and is ignored (see .env.example for the list).`,
    });
  }
  return warnings;
}
