import { ErrorCode } from "@gatehouse/shared";
import type { DataSource } from "typeorm";
import type { Clock } from "../../clock.js";
import { AppError } from "../../errors.js";
import { AuditAction, type AuditService } from "../audit/audit.service.js";
import type { PasswordService } from "../passwords/password.service.js";
import type { SignInThrottle } from "../rate-limits/sign-in-throttle.js";
import type { SessionService } from "../sessions/session.service.js";
import type { UserEntity } from "./user.entity.js";
import type { UserService } from "./user.service.js";

/** `gatehouse superuser --promote`: an existing ordinary account was made a superuser. */
export const SUPERUSER_CLI_PROMOTED = "superuser.promoted_by_cli";

export interface CliSuperuserRequest {
  username: string;
  password: string;
  /** Reset the password of an existing superuser. */
  updatePassword?: boolean;
  /** Make an existing account that is not a superuser one (someone else's, unless you know better). */
  promote?: boolean;
  /** With --promote: keep the account's email, Google link and pending sign-in links. */
  keepSignInMethods?: boolean;
}

export interface CliSuperuserDeps {
  dataSource: DataSource;
  clock: Clock;
  users: UserService;
  passwords: PasswordService;
  sessions: SessionService;
  audit: AuditService;
  /** The CLI's password reset is also how an owner gets back in: it clears sign-in lockouts. */
  signInThrottle: SignInThrottle;
}

const CREATION_ACTIONS = [
  AuditAction.USER_CREATED,
  AuditAction.SUPERUSER_BOOTSTRAPPED,
  AuditAction.SUPERUSER_CLI_CREATED,
];

/** How the account came to be, from the audit log (who, when, and the event's own words). */
async function creationOf(ds: DataSource, user: UserEntity): Promise<string> {
  const rows: { action: string; detail: string | null; actor: string | null }[] = await ds.query(
    `SELECT e."action", e."detail", a."username" AS "actor" FROM "audit_events" e
       LEFT JOIN "users" a ON a."id"::text = e."actor_id"
      WHERE e."target_id" = $1 AND e."action" = ANY($2) ORDER BY e."id" LIMIT 1`,
    [user.id, CREATION_ACTIONS],
  );
  const when = user.createdAt.toISOString();
  const row = rows[0];
  if (!row) return `${when} (no record of how)`;
  const how =
    row.action === AuditAction.USER_CREATED
      ? row.actor
        ? `by admin "${row.actor}"`
        : (row.detail ?? "by self sign-up")
      : row.action === AuditAction.SUPERUSER_BOOTSTRAPPED
        ? `at start-up (${row.detail ?? "bootstrap"})`
        : "by `gatehouse superuser`";
  return `${when}, ${how}`;
}

/** Whose account this is, for the operator to judge before handing it superuser rights. */
export async function describeAccount(ds: DataSource, user: UserEntity): Promise<string> {
  const email = user.email
    ? `${user.email} (${user.emailVerified ? "verified" : "not verified"})`
    : "none";
  return [
    `  user:      ${user.username}${user.isSuperuser ? " (superuser)" : " (not a superuser)"}${user.isActive ? "" : " (inactive)"}`,
    `  email:     ${email}`,
    `  Google:    ${user.googleSubject ? "linked" : "not linked"}`,
    `  password:  ${user.passwordHash ? "set" : "none"}`,
    `  created:   ${await creationOf(ds, user)}`,
  ].join("\n");
}

/**
 * The rules of `gatehouse superuser`: create a superuser, reset a superuser's password, or —
 * only when explicitly asked with `promote` — turn an existing ordinary account into one.
 * A name can be squatted by self sign-up, so promoting removes the sign-in methods that may
 * belong to someone else (email, Google link, pending links) unless told to keep them; its
 * sessions always end. Returns the lines to print.
 */
export async function applyCliSuperuser(
  d: CliSuperuserDeps,
  req: CliSuperuserRequest,
): Promise<string[]> {
  const existing = await d.users.findByUsername(req.username);
  if (!existing) {
    await d.users.create(
      { username: req.username, password: req.password, isActive: true, isSuperuser: true },
      { userId: null },
      AuditAction.SUPERUSER_CLI_CREATED,
    );
    return ["Superuser created successfully."];
  }
  if (existing.isServiceAccount) {
    throw new AppError(
      ErrorCode.CONFLICT,
      `user "${existing.username}" is a service account: it cannot sign in or get a password. Choose another --username.`,
    );
  }
  const about = await describeAccount(d.dataSource, existing);
  if (existing.isSuperuser) {
    if (!req.updatePassword) {
      throw new AppError(
        ErrorCode.CONFLICT,
        `user "${existing.username}" already exists:\n${about}\nRun again with --update-password to set a new password.`,
      );
    }
    await d.users.repo.update(
      { id: existing.id },
      { passwordHash: await d.passwords.hash(req.password), isActive: true },
    );
    // Old sessions may belong to whoever knew the old password.
    await d.sessions.revokeAllForUser(existing.id);
    await d.signInThrottle.unlock(existing.id);
    await d.audit.record({
      action: AuditAction.SUPERUSER_CLI_PASSWORD,
      targetId: existing.id,
      detail: existing.username,
    });
    return ["Password updated successfully."];
  }
  if (!req.promote) {
    throw new AppError(
      ErrorCode.CONFLICT,
      `user "${existing.username}" already exists and is not a superuser; it may be someone else's account:\n${about}\n` +
        "Choose another --username, or, if this account is yours to promote, run again with --promote " +
        "(its email, Google link and pending sign-in links are removed unless you add --keep-sign-in-methods; its sessions end).",
    );
  }
  const removed = await promote(d, existing, req);
  return [
    `Promoting this account:\n${about}`,
    `"${existing.username}" is now a superuser with the new password; ${removed}.`,
  ];
}

async function promote(
  d: CliSuperuserDeps,
  user: UserEntity,
  req: CliSuperuserRequest,
): Promise<string> {
  const passwordHash = await d.passwords.hash(req.password);
  const keep = req.keepSignInMethods === true;
  const linksEnded = await d.dataSource.transaction(async (m) => {
    await m.query(
      `UPDATE "users" SET "password_hash" = $2, "is_active" = true, "is_superuser" = true,
              "email" = CASE WHEN $3 THEN "email" ELSE NULL END,
              "email_verified" = CASE WHEN $3 THEN "email_verified" ELSE false END,
              "google_subject" = CASE WHEN $3 THEN "google_subject" ELSE NULL END,
              "auth_methods" = CASE WHEN $3 THEN "auth_methods" ELSE '{}' END
        WHERE "id" = $1`,
      [user.id, passwordHash, keep],
    );
    if (keep) return 0;
    const ended: unknown = await m.query(
      `UPDATE "magic_links" SET "superseded_at" = $2
        WHERE "user_id" = $1 AND "used_at" IS NULL AND "superseded_at" IS NULL`,
      [user.id, d.clock.now()],
    );
    return Array.isArray(ended) ? Number(ended[1] ?? 0) : 0;
  });
  // Sessions were started with the account's old rights, possibly by its squatter.
  const sessionsEnded = await d.sessions.revokeAllForUser(user.id);
  const cleared = keep
    ? "kept its email, Google link and pending sign-in links (--keep-sign-in-methods)"
    : `removed its email${user.email ? ` ${user.email}` : ""}, Google link and ${linksEnded} pending sign-in link(s)`;
  const summary = `${cleared}; ended ${sessionsEnded} session(s)`;
  await d.audit.record({
    action: SUPERUSER_CLI_PROMOTED,
    targetId: user.id,
    detail: `${user.username}: ${summary}`,
  });
  return summary;
}
