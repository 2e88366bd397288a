import { ErrorCode } from "@gatehouse/shared";
import type { DataSource } from "typeorm";
import type { Config } from "../../config/config.js";
import { AppError } from "../../errors.js";
import { AuditAction, type AuditService } from "../audit/audit.service.js";
import { findOrCreateByEmail } from "../magic-links/email-accounts.js";
import { signUpReservedNames } from "../users/reserved-names.js";
import { UserEntity } from "../users/user.entity.js";
import { googleRefused, linkRequired } from "./google.errors.js";
import type { GoogleIdentity, GoogleVerifier } from "./google-verifier.js";
import type { IdTokenReplayGuard } from "./id-token-replay.js";

export const GoogleAudit = {
  LINKED: "google.linked",
  LINK_REFUSED: "google.link_refused",
  UNLINKED: "google.unlinked",
  SIGNED_IN_INACTIVE: "google.signed_in_inactive",
} as const;

/** Consumer Google addresses: Google itself owns the mailbox, so its "verified" is final. */
const MAIL_DOMAINS_GOOGLE_RUNS = new Set(["gmail.com", "googlemail.com"]);

const mailDomain = (email: string): string => email.split("@")[1] ?? "";

/**
 * Google vouches for an address when it runs the mailbox: a Gmail address, or an address in
 * the Workspace domain (`hd`) that manages the account. Any other "verified" email only means
 * someone once received a code there, which is not proof they own it today.
 */
export function googleVouchesFor(identity: GoogleIdentity): boolean {
  const domain = mailDomain(identity.email);
  return MAIL_DOMAINS_GOOGLE_RUNS.has(domain) || identity.hostedDomain === domain;
}

/**
 * Turns a verified Google identity into an account: by Google subject first; else a new
 * account for an unknown email; else (same email) a link, but only where that cannot take
 * over someone's account (see linkByEmail).
 */
export class GoogleSignInService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: Config,
    private readonly audit: AuditService,
    readonly verifier: GoogleVerifier,
    private readonly replay: IdTokenReplayGuard,
  ) {}

  /** Verifies the token (once: a replay is refused) and returns a verified identity. */
  async identify(idToken: string, nonce?: string): Promise<GoogleIdentity> {
    const identity = await this.verifier.verify(idToken, nonce);
    await this.replay.claim(identity.replayKey, identity.expiresAt);
    return identity;
  }

  /** Verifies the token and returns the active account it signs in; throws otherwise. */
  async accountFor(idToken: string, ip: string | null, nonce?: string): Promise<UserEntity> {
    const identity = await this.identify(idToken, nonce);
    const user = await this.resolveAccount(identity, ip);
    if (!user.isActive) {
      await this.audit.record({
        action: GoogleAudit.SIGNED_IN_INACTIVE,
        targetId: user.id,
        ip,
        detail: "Google sign-in for an account that waits for an admin",
      });
      throw new AppError(
        ErrorCode.ACCOUNT_INACTIVE,
        "Your Google account is recognised, but this account is not active yet. Ask an administrator to activate it.",
      );
    }
    return user;
  }

  private async resolveAccount(identity: GoogleIdentity, ip: string | null): Promise<UserEntity> {
    const users = this.dataSource.getRepository(UserEntity);
    const bySubject = await users.findOne({ where: { googleSubject: identity.subject } });
    if (bySubject) return bySubject;
    const { user, created } = await findOrCreateByEmail(this.dataSource, {
      email: identity.email,
      // Verified only where Google runs the mailbox; see MagicLinkRequestService.redeem.
      emailVerified: googleVouchesFor(identity),
      isActive: this.config.newUserIsActive,
      googleSubject: identity.subject,
      reservedNames: signUpReservedNames(this.config),
    });
    if (created) {
      await this.audit.record({
        action: AuditAction.USER_CREATED,
        targetId: user.id,
        ip,
        detail: "account created by Google sign-in",
      });
      return user;
    }
    return this.linkByEmail(user, identity, ip);
  }

  /**
   * A never-seen Google account whose email matches a stored one. Linking it signs its holder
   * into that account, so it happens only when the account's owner proved the address
   * (email_verified: a redeemed link, Google, or an admin), the account is not a superuser,
   * and Google runs the mailbox. Everything else is LINK_REQUIRED: the owner links Google
   * from My account after signing in the usual way.
   */
  private async linkByEmail(
    user: UserEntity,
    identity: GoogleIdentity,
    ip: string | null,
  ): Promise<UserEntity> {
    if (user.googleSubject && user.googleSubject !== identity.subject)
      throw googleRefused("ACCOUNT_LINKED_ELSEWHERE");
    const why = user.isSuperuser
      ? "a superuser"
      : !user.emailVerified
        ? "an account whose email is not verified"
        : !googleVouchesFor(identity)
          ? "an address Google does not manage"
          : null;
    // The same conditions again in the UPDATE, so a change in between cannot slip through.
    const linked = why
      ? { affected: 0 }
      : await this.dataSource
          .getRepository(UserEntity)
          .createQueryBuilder()
          .update(UserEntity)
          .set({ googleSubject: identity.subject })
          .where(
            `id = :id AND google_subject IS NULL AND NOT is_superuser AND email_verified
               AND email = :email`,
            { id: user.id, email: identity.email },
          )
          .execute();
    if (!linked.affected) {
      await this.audit.record({
        action: GoogleAudit.LINK_REFUSED,
        targetId: user.id,
        ip,
        detail: `Google sign-in with this account's email not linked automatically: ${why ?? "the account changed meanwhile"}`,
      });
      throw linkRequired();
    }
    await this.audit.record({
      action: GoogleAudit.LINKED,
      targetId: user.id,
      ip,
      detail: `Google account linked by email (Google manages ${mailDomain(identity.email)})`,
    });
    return this.dataSource.getRepository(UserEntity).findOneOrFail({ where: { id: user.id } });
  }
}
