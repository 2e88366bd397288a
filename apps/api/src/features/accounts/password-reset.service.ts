import { ErrorCode, Limits } from "@gatehouse/shared";
import type { Config } from "../../config/config.js";
import { AppError, badInput, notFound } from "../../errors.js";
import type { AuditService } from "../audit/audit.service.js";
import type { IssuedLink, MagicLinkService } from "../magic-links/magic-link.service.js";
import {
  MAGIC_LINK_PER_EMAIL,
  MAGIC_LINK_PER_IP,
  type MagicLinkRequestService,
} from "../magic-links/magic-link-requests.service.js";
import type { BackgroundTasks } from "../mail/background.js";
import type { Mailer } from "../mail/mail.types.js";
import type { PasswordChangeService } from "../passwords/password-change.service.js";
import type { RateLimitService } from "../rate-limits/rate-limit.service.js";
import type { SignInThrottle } from "../rate-limits/sign-in-throttle.js";
import type { SessionService } from "../sessions/session.service.js";
import type { UserEntity } from "../users/user.entity.js";
import type { UserService } from "../users/user.service.js";
import { passwordResetMessage } from "./account-mail.js";

export const PasswordResetAudit = {
  REQUESTED: "password_reset.requested",
  CLI_LINK: "password_reset.cli_link",
} as const;

export interface CliReset {
  user: UserEntity;
  /** Set when no password was given: the one-time link to hand over. */
  link: IssuedLink | null;
  sessionsEnded: number;
}

export const PASSWORD_RESET_IP_BUCKET = "password_reset:ip";
export const PASSWORD_RESET_LOGIN_BUCKET = "password_reset:login";

export interface PasswordResetDeps {
  config: Config;
  users: UserService;
  links: MagicLinkService;
  linkRequests: MagicLinkRequestService;
  audit: AuditService;
  rateLimits: RateLimitService;
  background: BackgroundTasks;
  mailer: Mailer | null;
  passwordChange: PasswordChangeService;
  sessions: SessionService;
  signInThrottle: SignInThrottle;
}

/**
 * "Forgot password?": mails a sign-in link marked as a reset, after which the console offers
 * a new password. Answers the same whether or not the account exists, and before any lookup.
 */
export class PasswordResetService {
  constructor(private readonly d: PasswordResetDeps) {}

  async request(login: string, ip: string): Promise<void> {
    // Depends on the server, not on the account: saying it gives nothing away.
    if (!this.d.mailer) {
      throw new AppError(
        ErrorCode.FEATURE_DISABLED,
        "This server does not send email. Ask an administrator for a sign-in link (Get email login URL); once signed in, set a new password.",
      );
    }
    const key = login.trim().toLowerCase();
    if (key === "") throw badInput("Enter your username or email.", "login");
    if (key.length > Limits.emailMax) throw badInput("That is not a username or email.", "login");
    await this.d.rateLimits.consume(PASSWORD_RESET_IP_BUCKET, ip, MAGIC_LINK_PER_IP);
    await this.d.rateLimits.consume(PASSWORD_RESET_LOGIN_BUCKET, key, MAGIC_LINK_PER_EMAIL);
    const mailer = this.d.mailer;
    this.d.background.run("password reset request", () => this.issue(mailer, key, ip));
  }

  private async issue(mailer: Mailer, key: string, ip: string): Promise<void> {
    const user = await this.d.users.findByLogin(key);
    // Nobody to mail: nothing happens, and the caller already had the same answer.
    if (!user?.email) return;
    const email = user.email;
    const link = await this.d.links.issue(user.id, {
      origin: "request",
      delivery: "pending",
      purpose: "reset",
    });
    await this.d.audit.record({
      action: PasswordResetAudit.REQUESTED,
      targetId: user.id,
      ip,
      detail: `${user.username}: reset link emailed through Resend`,
    });
    const message = passwordResetMessage({
      appName: this.d.config.appName,
      to: email,
      url: link.url,
      ttlMs: this.d.config.magicLinkTtlMs,
      idempotencyKey: `password-reset-${link.id}`,
    });
    await this.d.linkRequests.deliver(mailer, { id: user.id, email }, link, message);
  }

  /**
   * `gatehouse reset-password`: whoever runs the CLI on the server owns it. Clears the
   * account's sign-in lockouts, then sets the given password or issues a one-time reset link.
   */
  async resetForCli(
    who: string,
    opts: { password?: string; signOutEverywhere: boolean },
  ): Promise<CliReset> {
    const user = await this.d.users.findByLogin(who);
    if (!user) throw notFound(`No user with the email or username "${who.trim()}".`);
    await this.d.signInThrottle.unlock(user.id);
    if (opts.password !== undefined) {
      const before = (await this.d.sessions.listForUser(user.id)).length;
      const updated = await this.d.passwordChange.setPassword(
        { userId: null, sessionId: null, ip: null },
        user.id,
        opts.password,
        { signOutOthers: opts.signOutEverywhere, how: "set by `gatehouse reset-password`" },
      );
      const after = (await this.d.sessions.listForUser(user.id)).length;
      return { user: updated, link: null, sessionsEnded: before - after };
    }
    const sessionsEnded = opts.signOutEverywhere
      ? await this.d.sessions.revokeAllForUser(user.id)
      : 0;
    const link = await this.d.links.issue(user.id, {
      origin: "cli",
      delivery: "manual",
      purpose: "reset",
    });
    await this.d.audit.record({
      action: PasswordResetAudit.CLI_LINK,
      targetId: user.id,
      detail: `${user.username}: reset link printed by \`gatehouse reset-password\`; lockouts cleared; ${sessionsEnded} session(s) ended`,
    });
    return { user, link, sessionsEnded };
  }
}
