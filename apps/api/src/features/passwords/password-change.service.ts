import { checkNewPassword } from "@gatehouse/shared/password-strength";
import { badInput } from "../../errors.js";
import { AuditAction, type AuditService } from "../audit/audit.service.js";
import type { SignInThrottle } from "../rate-limits/sign-in-throttle.js";
import type { SessionService } from "../sessions/session.service.js";
import type { UserEntity } from "../users/user.entity.js";
import { userNotFound } from "../users/user.errors.js";
import type { UserService } from "../users/user.service.js";
import type { PasswordService } from "./password.service.js";

export interface PasswordChangeOptions {
  /**
   * End the user's other sessions (default true: setPassword's contract). Change and reset
   * by the user pass their own choice. API keys (h/keys) are left alone here; when they
   * arrive, revoke them too when this is true and the caller asked for it.
   */
  signOutOthers?: boolean;
  /** Audit detail, e.g. "own password (reset link)". */
  how?: string;
}

export interface PasswordChangeActor {
  userId: string | null;
  /** The session making the change; it survives when people change their own password. */
  sessionId: string | null;
  ip: string | null;
}

/** Setting a password (a superuser for anyone, a user for themselves). */
export class PasswordChangeService {
  constructor(
    private readonly users: UserService,
    private readonly passwords: PasswordService,
    private readonly sessions: SessionService,
    private readonly throttle: SignInThrottle,
    private readonly audit: AuditService,
  ) {}

  /**
   * Checks the new password with the shared rule (a superuser's needs 12 characters), stores
   * its hash, ends the user's other sessions (they may belong to whoever knew the old one)
   * and clears the account's sign-in limits.
   */
  async setPassword(
    actor: PasswordChangeActor,
    userId: string,
    password: string,
    opts: PasswordChangeOptions = {},
  ): Promise<UserEntity> {
    const user = await this.users.findById(userId);
    if (!user) throw userNotFound();
    if (user.isServiceAccount) {
      throw badInput(
        "A service account has no password and cannot sign in; give it API keys instead.",
        "password",
      );
    }
    const problem = checkNewPassword(password, {
      superuser: user.isSuperuser,
      userInputs: [user.username, user.email],
    });
    if (problem) throw badInput(problem, "password");
    await this.users.setPasswordHash(user.id, await this.passwords.hash(password));
    const own = actor.userId === user.id;
    let ended = 0;
    if (opts.signOutOthers ?? true) {
      for (const s of await this.sessions.listForUser(user.id)) {
        if (!(own && s.id === actor.sessionId) && (await this.sessions.revoke(s.id))) ended++;
      }
    }
    await this.throttle.unlock(user.id);
    await this.audit.record({
      action: AuditAction.PASSWORD_CHANGED,
      actorId: actor.userId,
      targetId: user.id,
      ip: actor.ip,
      detail: `${opts.how ?? (own ? "own password" : "by a superuser")}; ${ended} other session(s) ended`,
    });
    return (await this.users.findById(user.id)) ?? user;
  }
}
