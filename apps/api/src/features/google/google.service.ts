import { ErrorCode } from "@gatehouse/shared";
import type { DataSource } from "typeorm";
import type { Config } from "../../config/config.js";
import { AppError } from "../../errors.js";
import type { AuditService } from "../audit/audit.service.js";
import { findOrCreateByEmail } from "../magic-links/email-accounts.js";
import { UserEntity } from "../users/user.entity.js";
import { googleRefused } from "./google.errors.js";
import type { GoogleIdentity, GoogleVerifier } from "./google-verifier.js";

export const GoogleAudit = {
  LINKED: "google.linked",
  SIGNED_IN_INACTIVE: "google.signed_in_inactive",
} as const;

/**
 * Turns a verified Google identity into an account: by Google subject first, then by the
 * (Google-verified) email, linking it, else a new account active per NEW_USER_IS_ACTIVE.
 */
export class GoogleSignInService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: Config,
    private readonly audit: AuditService,
    readonly verifier: GoogleVerifier,
  ) {}

  /** Verifies the token and returns the active account it signs in; throws otherwise. */
  async accountFor(idToken: string, ip: string | null, nonce?: string): Promise<UserEntity> {
    const identity = await this.verifier.verify(idToken, nonce);
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
      emailVerified: true,
      isActive: this.config.newUserIsActive,
      googleSubject: identity.subject,
    });
    if (created) {
      await this.audit.record({
        action: "user.created",
        targetId: user.id,
        ip,
        detail: "account created by Google sign-in",
      });
      return user;
    }
    if (user.googleSubject && user.googleSubject !== identity.subject)
      throw googleRefused("ACCOUNT_LINKED_ELSEWHERE");
    // Only claim the row if nobody linked it meanwhile; Google has verified the email.
    const linked = await users
      .createQueryBuilder()
      .update(UserEntity)
      .set({ googleSubject: identity.subject, emailVerified: true })
      .where("id = :id AND (google_subject IS NULL OR google_subject = :sub)", {
        id: user.id,
        sub: identity.subject,
      })
      .execute();
    if (!linked.affected) throw googleRefused("ACCOUNT_LINKED_ELSEWHERE");
    await this.audit.record({
      action: GoogleAudit.LINKED,
      targetId: user.id,
      ip,
      detail: "Google account linked by verified email",
    });
    return users.findOneOrFail({ where: { id: user.id } });
  }
}
