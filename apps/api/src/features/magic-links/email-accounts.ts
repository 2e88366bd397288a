import { randomBytes } from "node:crypto";
import { Limits } from "@gatehouse/shared";
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
}

const UNIQUE_VIOLATION = "23505";

function uniqueViolation(err: unknown): string | null {
  const e = err as {
    code?: string;
    constraint?: string;
    driverError?: { code?: string; constraint?: string };
  };
  const code = e?.code ?? e?.driverError?.code;
  if (code !== UNIQUE_VIOLATION) return null;
  return e?.constraint ?? e?.driverError?.constraint ?? "unknown";
}

/**
 * Finds the account with this (normalised) email or creates it with a unique username
 * derived from the email. Safe under concurrency: a parallel creation of the same email
 * makes this return that account; a taken username gets a random suffix.
 */
export async function findOrCreateByEmail(
  dataSource: DataSource,
  account: NewEmailAccount,
): Promise<{ user: UserEntity; created: boolean }> {
  const users = dataSource.getRepository(UserEntity);
  const existing = await users.findOne({ where: { email: account.email } });
  if (existing) return { user: existing, created: false };
  const base = usernameFromEmail(account.email);
  for (let attempt = 0; attempt < 6; attempt++) {
    const username = attempt === 0 ? base : `${base}-${randomBytes(3).toString("hex")}`;
    try {
      const user = users.create({
        username,
        usernameKey: username.toLowerCase(),
        email: account.email,
        emailVerified: account.emailVerified,
        isActive: account.isActive,
        isSuperuser: false,
        passwordHash: null,
        authMethods: account.authMethods ?? [],
        googleSubject: account.googleSubject ?? null,
      });
      await users.insert(user);
      const saved = await users.findOneOrFail({ where: { email: account.email } });
      return { user: saved, created: true };
    } catch (err) {
      const constraint = uniqueViolation(err);
      if (constraint === null) throw err;
      const raced = await users.findOne({ where: { email: account.email } });
      if (raced) return { user: raced, created: false };
      // Otherwise the username (or, rarely, the Google subject) was taken: try another name.
      if (constraint === "UQ_users_google_subject") throw err;
    }
  }
  throw new Error("could not find a free username for a new account");
}
