import { checkEmail, ErrorCode, normalizeEmail } from "@gatehouse/shared";
import type { DataSource } from "typeorm";
import type { Config } from "../../config/config.js";
import { AppError, badInput, notFound } from "../../errors.js";
import type { Logger } from "../../logger.js";
import { AuditAction, type AuditService } from "../audit/audit.service.js";
import type { ReturnToService } from "../forward-auth/return-to.js";
import { GoogleAudit } from "../google/google.service.js";
import type { BackgroundTasks } from "../mail/background.js";
import { magicLinkMessage } from "../mail/magic-link-mail.js";
import type { Mailer, MailMessage } from "../mail/mail.types.js";
import type { RateLimitPolicy, RateLimitService } from "../rate-limits/rate-limit.service.js";
import type { SessionService } from "../sessions/session.service.js";
import { signUpReservedNames } from "../users/reserved-names.js";
import { UserEntity } from "../users/user.entity.js";
import { ensureEmailAccount } from "./email-accounts.js";
import { noEmail, otherSuperuserTarget, returnUrlRefused } from "./magic-link.errors.js";
import type { IssuedLink, MagicLinkService } from "./magic-link.service.js";

export const MagicLinkAudit = {
  REQUESTED: "magic_link.requested",
  SENT: "magic_link.sent",
  DELIVERY_FAILED: "magic_link.delivery_failed",
  ADMIN_ISSUED: "magic_link.admin_issued",
  CLI_ISSUED: "magic_link.cli_issued",
  REDEEMED: "magic_link.redeemed",
  REDEEMED_INACTIVE: "magic_link.redeemed_inactive",
} as const;

/**
 * Per email: few enough that nobody is mail-bombed. A lockout only stops new links: the
 * link already in the inbox is not superseded, so an attacker who trips the limit for a
 * victim's address cannot take away a link the victim can still use. Lockouts do not grow.
 */
export const MAGIC_LINK_PER_EMAIL: RateLimitPolicy = {
  limit: 5,
  windowMs: 15 * 60_000,
  lockoutMs: 15 * 60_000,
  maxLockoutMs: 15 * 60_000,
};

/** Per client address: roomier, since offices share addresses. */
export const MAGIC_LINK_PER_IP: RateLimitPolicy = {
  limit: 20,
  windowMs: 15 * 60_000,
  lockoutMs: 15 * 60_000,
  maxLockoutMs: 60 * 60_000,
};

export const MAGIC_LINK_EMAIL_BUCKET = "magic_link:email";
export const MAGIC_LINK_IP_BUCKET = "magic_link:ip";

export interface MagicLinkRequestDeps {
  dataSource: DataSource;
  config: Config;
  logger: Logger;
  links: MagicLinkService;
  audit: AuditService;
  rateLimits: RateLimitService;
  /** For redeem (see dropUnprovenGoogleLink); the CLI, which never redeems, may leave it out. */
  sessions?: SessionService;
  background: BackgroundTasks;
  /** Null when RESEND_API_KEY is not set: links wait for a superuser. */
  mailer: Mailer | null;
  /** Checks "back to the app" destinations; without it (the CLI) links carry none. */
  returnTo?: ReturnToService;
}

/** A redeemed link: who signs in, and where the browser goes next (checked again), if set. */
export interface RedeemedLink {
  user: UserEntity;
  returnTo: string | null;
}

/** The magic-link rules around the link table: who may get one, and how it reaches them. */
export class MagicLinkRequestService {
  constructor(private readonly d: MagicLinkRequestDeps) {}

  /**
   * Answers as soon as the email is well formed and within limits. Account creation, the
   * link and the mail happen after the response, so known and unknown emails take the
   * same time and give the same answer.
   */
  async request(rawEmail: string, ip: string, next?: string | null): Promise<void> {
    const problem = checkEmail(rawEmail);
    if (problem) throw badInput(problem, "email");
    const email = normalizeEmail(rawEmail);
    await this.d.rateLimits.consume(MAGIC_LINK_IP_BUCKET, ip, MAGIC_LINK_PER_IP);
    await this.d.rateLimits.consume(MAGIC_LINK_EMAIL_BUCKET, email, MAGIC_LINK_PER_EMAIL);
    // A refused destination is dropped, not an error: the answer must not depend on it.
    const returnTo = await this.destination(next);
    this.d.background.run("magic-link request", () => this.issueForRequest(email, ip, returnTo));
  }

  /** An allowed destination other than the console's "/", or null. */
  private async destination(next: string | null | undefined): Promise<string | null> {
    const allowed = next && this.d.returnTo ? await this.d.returnTo.allowed(next) : null;
    return allowed === "/" ? null : allowed;
  }

  private async issueForRequest(email: string, ip: string, returnTo: string | null): Promise<void> {
    const { id, created } = await ensureEmailAccount(this.d.dataSource, {
      email,
      emailVerified: false,
      isActive: this.d.config.newUserIsActive,
      reservedNames: signUpReservedNames(this.d.config),
    });
    const user = { id, email };
    if (created) {
      await this.d.audit.record({
        action: AuditAction.USER_CREATED,
        targetId: user.id,
        ip,
        detail: "unverified account created by a sign-in link request",
      });
    }
    const link = await this.d.links.issue(user.id, {
      origin: "request",
      delivery: this.d.mailer ? "pending" : "manual",
      returnTo,
    });
    await this.d.audit.record({
      action: MagicLinkAudit.REQUESTED,
      targetId: user.id,
      ip,
      detail: this.d.mailer ? "emailing through Resend" : "no mail provider: waiting for an admin",
    });
    if (this.d.mailer) await this.deliver(this.d.mailer, user, link);
  }

  /**
   * Mails a link (the sign-in mail unless another message is given: a reset, an invitation)
   * and records how delivery went on the link and in the audit log.
   */
  async deliver(
    mailer: Mailer,
    user: { id: string; email: string },
    link: IssuedLink,
    message: MailMessage = magicLinkMessage({
      appName: this.d.config.appName,
      to: user.email,
      url: link.url,
      ttlMs: this.d.config.magicLinkTtlMs,
      linkId: link.id,
    }),
  ): Promise<void> {
    const result = await mailer.send(message, this.d.background.signal);
    if (result.ok) {
      await this.d.links.recordDelivery(link.id, { status: "sent", attempts: result.attempts });
      await this.d.audit.record({
        action: MagicLinkAudit.SENT,
        targetId: user.id,
        detail: `sent through Resend after ${result.attempts} attempt(s)`,
      });
      return;
    }
    await this.d.links.recordDelivery(link.id, {
      status: "failed",
      error: result.reason,
      attempts: result.attempts,
    });
    await this.d.audit.record({
      action: MagicLinkAudit.DELIVERY_FAILED,
      targetId: user.id,
      detail: `Resend failed after ${result.attempts} attempt(s): ${result.reason}`,
    });
    this.d.logger.warn({ userId: user.id, attempts: result.attempts }, "sign-in mail failed");
  }

  /**
   * The "Get email login URL" action: always a fresh link, whatever the user asked for.
   * Another superuser is refused unless explicitly allowed, so an admin cannot silently
   * become a different admin.
   */
  async issueForAdmin(
    targetId: string,
    actor: { userId: string },
    ip: string | null,
    next?: string | null,
  ): Promise<{ link: IssuedLink; user: UserEntity }> {
    // An explicit destination must be allowed; without one, the link goes where the user
    // was headed when they asked for theirs (the person who came from an app and waits).
    let returnTo: string | null | undefined;
    if (next) {
      const allowed = this.d.returnTo ? await this.d.returnTo.allowed(next) : null;
      if (allowed === null) throw returnUrlRefused();
      returnTo = allowed === "/" ? null : allowed;
    }
    const user = await this.d.links.findUser(targetId);
    if (!user) throw notFound("No user with that id.");
    if (!user.email) throw noEmail();
    if (
      user.isSuperuser &&
      user.id !== actor.userId &&
      !this.d.config.allowAdminLinksForSuperusers
    ) {
      throw otherSuperuserTarget();
    }
    const link = await this.d.links.issue(user.id, {
      origin: "admin",
      actorId: actor.userId,
      delivery: "manual",
      returnTo,
    });
    await this.d.audit.record({
      action: MagicLinkAudit.ADMIN_ISSUED,
      actorId: actor.userId,
      targetId: user.id,
      ip,
      detail: "sign-in link fetched by a superuser",
    });
    return { link, user };
  }

  /** `gatehouse login-url`: whoever can run the CLI on the server already owns it. */
  async issueForCli(emailOrUsername: string): Promise<{ user: UserEntity; link: IssuedLink }> {
    const key = emailOrUsername.trim();
    const users = this.d.dataSource.getRepository(UserEntity);
    const user = key.includes("@")
      ? await users.findOne({ where: { email: normalizeEmail(key) } })
      : await users.findOne({ where: { usernameKey: key.toLowerCase() } });
    if (!user) throw notFound(`No user with the email or username "${key}".`);
    if (!user.email) throw noEmail();
    const link = await this.d.links.issue(user.id, { origin: "cli", delivery: "manual" });
    await this.d.audit.record({
      action: MagicLinkAudit.CLI_ISSUED,
      targetId: user.id,
      detail: "sign-in link printed by `gatehouse login-url`",
    });
    return { user, link };
  }

  /**
   * Consumes the link and marks the email verified (opening the mailed link proves it).
   * An inactive account is still verified, but the link stays usable (an invitation opened
   * before activation must work afterwards), and the caller is told that an admin must
   * activate it.
   */
  async redeem(token: string, ip: string): Promise<RedeemedLink> {
    const { userId, returnTo, consumed } = await this.d.links.consume(token);
    await this.dropUnprovenGoogleLink(userId, ip);
    const users = this.d.dataSource.getRepository(UserEntity);
    // Only an address that exists can be proven (a CLI reset link may reach a user without one).
    await this.d.dataSource.query(
      `UPDATE "users" SET "email_verified" = true WHERE "id" = $1 AND "email" IS NOT NULL`,
      [userId],
    );
    const user = await users.findOneOrFail({ where: { id: userId } });
    if (!consumed || !user.isActive) {
      await this.d.audit.record({
        action: MagicLinkAudit.REDEEMED_INACTIVE,
        targetId: user.id,
        ip,
        detail: "link opened; it stays usable until the account is activated",
      });
      throw new AppError(
        ErrorCode.ACCOUNT_INACTIVE,
        "This account is not active yet. Ask an administrator to activate it, then open this link again.",
      );
    }
    await this.d.audit.record({ action: MagicLinkAudit.REDEEMED, targetId: user.id, ip });
    // Checked again: the app may have been removed since, and a row is only data.
    return { user, returnTo: returnTo ? await this.destination(returnTo) : null };
  }

  /**
   * A Google sign-in for an address Google does not manage creates the account unverified
   * (google.service). Whoever now proves the mailbox owns the address; the Google account
   * that got there first may be a stranger's pre-registration, so its link and its sessions
   * go. The owner can link their own Google account from My account.
   */
  private async dropUnprovenGoogleLink(userId: string, ip: string): Promise<void> {
    const dropped: unknown = await this.d.dataSource.query(
      `UPDATE "users" SET "google_subject" = NULL,
              "auth_methods" = array_remove("auth_methods", 'GOOGLE')
        WHERE "id" = $1 AND NOT "email_verified" AND "google_subject" IS NOT NULL`,
      [userId],
    );
    if (!Array.isArray(dropped) || !Number(dropped[1])) return;
    const ended = (await this.d.sessions?.revokeAllForUser(userId)) ?? 0;
    await this.d.audit.record({
      action: GoogleAudit.UNLINKED,
      targetId: userId,
      ip,
      detail: `the mailbox owner proved the email; the Google account that created this account without proving it was unlinked and ${ended} session(s) ended`,
    });
  }
}
