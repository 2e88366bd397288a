import { checkEmail, ErrorCode, normalizeEmail } from "@gatehouse/shared";
import type { DataSource } from "typeorm";
import type { Clock } from "../../clock.js";
import type { Config } from "../../config/config.js";
import { AppError, badInput } from "../../errors.js";
import type { AuditService } from "../audit/audit.service.js";
import type { BackgroundTasks } from "../mail/background.js";
import type { Mailer } from "../mail/mail.types.js";
import type { RateLimitPolicy, RateLimitService } from "../rate-limits/rate-limit.service.js";
import { hashToken, looksLikeToken, newSessionToken } from "../sessions/session-token.js";
import { UserEntity } from "../users/user.entity.js";
import { uniqueViolation, userNotFound } from "../users/user.errors.js";
import { emailChangeMessage } from "./account-mail.js";

export const EmailChangeAudit = {
  REQUESTED: "user.email_change_requested",
  CHANGED: "user.email_changed",
} as const;

/** How long the confirmation link in the new mailbox works. */
export const EMAIL_CHANGE_TTL_MS = 60 * 60_000;

/** Per user: enough to fix a typo a few times, not enough to mail-bomb an address. */
export const EMAIL_CHANGE_PER_USER: RateLimitPolicy = {
  limit: 5,
  windowMs: 60 * 60_000,
  lockoutMs: 60 * 60_000,
  maxLockoutMs: 60 * 60_000,
};
export const EMAIL_CHANGE_BUCKET = "email_change:user";

const noMail = () =>
  new AppError(
    ErrorCode.FEATURE_DISABLED,
    "This server does not send email, so it cannot confirm a new address: ask an administrator to set your email.",
  );

const invalidConfirmation = () =>
  new AppError(
    ErrorCode.INVALID_LINK,
    "This confirmation link is invalid, expired or already used. Ask for a new one from My account.",
  );

export interface EmailChangeDeps {
  dataSource: DataSource;
  config: Config;
  clock: Clock;
  audit: AuditService;
  rateLimits: RateLimitService;
  background: BackgroundTasks;
  mailer: Mailer | null;
}

/** A user's own email change: it takes effect only when the link sent to the new address is opened. */
export class EmailChangeService {
  constructor(private readonly d: EmailChangeDeps) {}

  async request(userId: string, rawEmail: string, ip: string | null): Promise<void> {
    if (!this.d.mailer) throw noMail();
    const problem = checkEmail(rawEmail);
    if (problem) throw badInput(problem, "email");
    const email = normalizeEmail(rawEmail);
    const user = await this.d.dataSource.getRepository(UserEntity).findOneBy({ id: userId });
    if (!user) throw userNotFound();
    if (user.email === email) throw badInput("That is already your email.", "email");
    await this.d.rateLimits.consume(EMAIL_CHANGE_BUCKET, user.id, EMAIL_CHANGE_PER_USER);
    const token = newSessionToken();
    const now = this.d.clock.now();
    // One pending change per user: the newest request replaces the others.
    await this.d.dataSource.transaction(async (tx) => {
      await tx.query(`DELETE FROM "email_changes" WHERE "user_id" = $1 AND "used_at" IS NULL`, [
        user.id,
      ]);
      await tx.query(
        `INSERT INTO "email_changes" ("user_id", "new_email", "token_hash", "created_at", "expires_at")
         VALUES ($1, $2, $3, $4, $5)`,
        [user.id, email, hashToken(token), now, new Date(now.getTime() + EMAIL_CHANGE_TTL_MS)],
      );
    });
    await this.d.audit.record({
      action: EmailChangeAudit.REQUESTED,
      actorId: user.id,
      targetId: user.id,
      ip,
      detail: `${user.username}: confirmation link sent to the new address`,
    });
    const mailer = this.d.mailer;
    const message = emailChangeMessage({
      appName: this.d.config.appName,
      to: email,
      url: `${this.d.config.publicUrl}/auth/confirm-email?token=${token}`,
      ttlMs: EMAIL_CHANGE_TTL_MS,
      idempotencyKey: `email-change-${hashToken(token).slice(0, 32)}`,
    });
    // After the response, like every mail: the answer never waits on the provider.
    this.d.background.run("email change mail", async () => {
      await mailer.send(message, this.d.background.signal);
    });
  }

  /**
   * Opening the link proves the new mailbox: the email changes and counts as verified. An
   * address another account took meanwhile is refused, and the link stays unused.
   */
  async confirm(token: string, ip: string | null): Promise<UserEntity> {
    if (!looksLikeToken(token)) throw invalidConfirmation();
    const user = await this.d.dataSource.transaction(async (tx) => {
      const rows: { user_id: string; new_email: string }[] = await tx.query(
        `SELECT "user_id", "new_email" FROM "email_changes"
          WHERE "token_hash" = $1 AND "used_at" IS NULL AND "expires_at" > $2 FOR UPDATE`,
        [hashToken(token), this.d.clock.now()],
      );
      const row = rows[0];
      if (!row) throw invalidConfirmation();
      const repo = tx.getRepository(UserEntity);
      const found = await repo.findOneBy({ id: row.user_id });
      if (!found) throw invalidConfirmation();
      found.email = row.new_email;
      found.emailVerified = true;
      try {
        await repo.save(found);
      } catch (err) {
        // The transaction rolls back: the link stays unused.
        throw uniqueViolation(err) ?? err;
      }
      await tx.query(`UPDATE "email_changes" SET "used_at" = $2 WHERE "token_hash" = $1`, [
        hashToken(token),
        this.d.clock.now(),
      ]);
      // Links mailed to the old address must not keep signing in.
      await tx.query(
        `UPDATE "magic_links" SET "superseded_at" = $2
          WHERE "user_id" = $1 AND "used_at" IS NULL AND "superseded_at" IS NULL`,
        [found.id, this.d.clock.now()],
      );
      return found;
    });
    await this.d.audit.record({
      action: EmailChangeAudit.CHANGED,
      actorId: user.id,
      targetId: user.id,
      ip,
      detail: `${user.username}: new email confirmed through the link sent to it`,
    });
    return user;
  }
}
