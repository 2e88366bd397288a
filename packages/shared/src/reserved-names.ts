/**
 * Usernames self sign-up (a magic-link request or a first Google sign-in) never takes: they
 * look like the operator's or a role account's, and an operator who later runs
 * `gatehouse superuser --username admin` must not find a stranger's account there. Only
 * derived usernames are affected (they get a suffix instead); admins may still create these.
 */
export const RESERVED_USERNAMES: readonly string[] = [
  "admin",
  "administrator",
  "root",
  "superuser",
  "ops",
  "support",
  "security",
  "system",
  "default",
  "gatehouse",
  "postmaster",
  "webmaster",
  "hostmaster",
];

/** True when `username` (any case) is reserved, or is one of `extra` (e.g. GATEHOUSE_SUPERUSER). */
export function isReservedUsername(username: string, extra: readonly string[] = []): boolean {
  const key = username.trim().toLowerCase();
  return RESERVED_USERNAMES.includes(key) || extra.some((e) => e.trim().toLowerCase() === key);
}
