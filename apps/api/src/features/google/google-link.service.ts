import type { DataSource } from "typeorm";
import { AppError, ErrorCode } from "../../errors.js";
import type { AuditService } from "../audit/audit.service.js";
import { UserEntity } from "../users/user.entity.js";
import { isUuid, userNotFound } from "../users/user.errors.js";
import { googleLinkRefused } from "./google.errors.js";
import { GoogleAudit, type GoogleSignInService } from "./google.service.js";

const isUniqueViolation = (err: unknown) => (err as { code?: string })?.code === "23505";

/**
 * Linking Google to an account its owner is signed in to (My account → Link Google), and
 * unlinking it. The signed-in session is the owner's proof, so no email rule applies here.
 */
export class GoogleLinkService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly signIn: GoogleSignInService,
  ) {}

  /** Links the token's Google account to `userId`; refuses one that belongs to someone else. */
  async link(idToken: string, nonce: string, userId: string, ip: string | null): Promise<void> {
    const identity = await this.signIn.identify(idToken, nonce);
    const users = this.dataSource.getRepository(UserEntity);
    const owner = await users.findOne({ where: { googleSubject: identity.subject } });
    if (owner?.id === userId) return;
    const refuse = async (reason: "SUBJECT_TAKEN" | "OTHER_GOOGLE_LINKED") => {
      await this.audit.record({
        action: GoogleAudit.LINK_REFUSED,
        actorId: userId,
        targetId: userId,
        ip,
        detail:
          reason === "SUBJECT_TAKEN"
            ? "link from My account refused: that Google account belongs to another user"
            : "link from My account refused: a different Google account is already linked",
      });
      return googleLinkRefused(reason);
    };
    if (owner) throw await refuse("SUBJECT_TAKEN");
    let affected = 0;
    try {
      const result = await users
        .createQueryBuilder()
        .update(UserEntity)
        .set({ googleSubject: identity.subject })
        .where("id = :id AND google_subject IS NULL", { id: userId })
        .execute();
      affected = result.affected ?? 0;
    } catch (err) {
      // Someone else linked the same Google account at the same moment.
      if (isUniqueViolation(err)) throw await refuse("SUBJECT_TAKEN");
      throw err;
    }
    if (!affected) throw await refuse("OTHER_GOOGLE_LINKED");
    await this.audit.record({
      action: GoogleAudit.LINKED,
      actorId: userId,
      targetId: userId,
      ip,
      detail: `Google account ${identity.email} linked from My account`,
    });
  }

  /**
   * Removes the Google link. Refused when Google is the account's only way in (no password,
   * no email for a magic link): that would lock its owner out.
   */
  async unlink(userId: string, ip: string | null): Promise<UserEntity> {
    const users = this.dataSource.getRepository(UserEntity);
    const user = isUuid(userId) ? await users.findOne({ where: { id: userId } }) : null;
    if (!user) throw userNotFound();
    if (!user.googleSubject) return user;
    if (!user.passwordHash && !user.email) {
      throw new AppError(
        ErrorCode.BAD_USER_INPUT,
        "Google is this account's only way to sign in; set a password or an email first.",
      );
    }
    await this.dataSource.query(
      `UPDATE "users" SET "google_subject" = NULL,
              "auth_methods" = array_remove("auth_methods", 'GOOGLE') WHERE "id" = $1`,
      [userId],
    );
    await this.audit.record({
      action: GoogleAudit.UNLINKED,
      actorId: userId,
      targetId: userId,
      ip,
      detail: "Google unlinked from My account",
    });
    return users.findOneOrFail({ where: { id: userId } });
  }
}
