// App names: shown to people (console, audit, the 403 page), unique regardless of case.
// No imports, so config/apps.ts can share the rule.

export const APP_NAME_MAX = 64;
export const APP_HOSTS_MAX = 32;
export const APP_GROUPS_MAX = 64;

/** What is wrong with a (trimmed) app name, or null. */
export function appNameProblem(name: string): string | null {
  if (name === "") return "An app needs a name.";
  if (name.length > APP_NAME_MAX) return `An app name has at most ${APP_NAME_MAX} characters.`;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing them is the point
  if (/[\u0000-\u001f\u007f]/.test(name)) return "An app name cannot contain control characters.";
  return null;
}

/** The stable part of a declared app's id: `config:<slug>`. */
export function appSlug(name: string): string {
  return name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}
