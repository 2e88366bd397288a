/** Longest post-sign-in destination we keep (a path and query, never a whole URL). */
export const RETURN_PATH_MAX = 512;

/**
 * Where to go after signing in, if it is a path on this site; "/" otherwise. Refuses
 * anything a browser could read as another origin ("//evil", "/\\evil", "https://…"), and
 * control characters, which some browsers drop to turn "/\t/evil" into "//evil".
 */
export function safeReturnPath(next: string | null | undefined): string {
  if (!next || next.length > RETURN_PATH_MAX) return "/";
  if (!next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return "/";
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing them is the point.
  if (/[\u0000-\u001f\u007f\\]/.test(next)) return "/";
  return next;
}
