import { randomBytes } from "node:crypto";
import { isReservedUsername, Limits } from "@gatehouse/shared";
import type { DataSource } from "typeorm";
import { type AuthMethodName, UserEntity } from "../users/user.entity.js";

/**
 * A username from an email's local part: the characters usernames allow, starting with a
 * letter or digit, long enough, and short enough to leave room for a uniqueness suffix.
 */
export function usernameFromEmail(email: string): string {
  const local = email.split("@")[0] ?? "";
  let base = local
    .toLowerCase()
    .replace(/[^a-z0-9._-]/g, "")
    .replace(/^[^a-z0-9]+/, "")
    .slice(0, Limits.usernameMax - 8);
  if (base.length < Limits.usernameMin) base = `${base || "user"}-user`.slice(0, 16);
  return base;
}

export interface NewEmailAccount {
  email: string;
  emailVerified: boolean;
  isActive: boolean;
  authMethods?: AuthMethodName[];
  googleSubject?: string | null;
  /** Names to avoid besides the shared reserved list (GATEHOUSE_SUPERUSER): they get a suffix. */
  reservedNames?: readonly string[];
}

/**
 * Finds the account with this (normalised) email or creates it with a unique username
 * derived from the email. Both outcomes cost the same two statements (an INSERT that may
 * do nothing, then a SELECT or the caller's audit row), so work done for a known email
 * looks like work done for an unknown one. Safe under concurrency: whoever loses a race
 * for the email gets the winner's account; a taken username gets a random suffix.
 */
export async function ensureEmailAccount(
  dataSource: DataSource,
  account: NewEmailAccount,
): Promise<{ id: string; created: boolean }> {
  const base = usernameFromEmail(account.email);
  // A squatter asking a link for ops@their.domain must not end up as "ops" (see reserved-names).
  const first = isReservedUsername(base, account.reservedNames) ? 1 : 0;
  for (let attempt = first; attempt < first + 6; attempt++) {
    const username = attempt === 0 ? base : `${base}-${randomBytes(3).toString("hex")}`;
    const inserted: { id: string }[] = await dataSource.query(
      `INSERT INTO "users" ("username", "username_key", "email", "email_verified", "is_active",
                            "is_superuser", "password_hash", "auth_methods", "google_subject")
       VALUES ($1, $2, $3, $4, $5, false, NULL, $6, $7)
       ON CONFLICT DO NOTHING RETURNING "id"`,
      [
        username,
        username.toLowerCase(),
        account.email,
        account.emailVerified,
        account.isActive,
        account.authMethods ?? [],
        account.googleSubject ?? null,
      ],
    );
    if (inserted[0]) return { id: inserted[0].id, created: true };
    const existing: { id: string }[] = await dataSource.query(
      `SELECT "id" FROM "users" WHERE "email" = $1`,
      [account.email],
    );
    if (existing[0]) return { id: existing[0].id, created: false };
    // Otherwise the username (or, in a race, the Google subject) was taken: try another name.
  }
  throw new Error("could not find a free username for a new account");
}

export async function findOrCreateByEmail(
  dataSource: DataSource,
  account: NewEmailAccount,
): Promise<{ user: UserEntity; created: boolean }> {
  const { id, created } = await ensureEmailAccount(dataSource, account);
  const user = await dataSource.getRepository(UserEntity).findOneOrFail({ where: { id } });
  return { user, created };
}
