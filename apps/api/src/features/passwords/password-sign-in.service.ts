import { ErrorCode, Limits } from "@gatehouse/shared";
import { AppError } from "../../errors.js";
import { AuditAction, type AuditService } from "../audit/audit.service.js";
import { RateLimitedError } from "../rate-limits/rate-limit.service.js";
import { accountKey, type SignInThrottle } from "../rate-limits/sign-in-throttle.js";
import type { UserEntity } from "../users/user.entity.js";
import type { UserService } from "../users/user.service.js";
import type { PasswordService } from "./password.service.js";

const wrongCredentials = () =>
  new AppError(ErrorCode.UNAUTHENTICATED, "Wrong username or password.");

/**
 * Checks a username-or-email and password. Unknown user, no password and wrong password
 * all do the same argon2 work and throw the same error, so neither the answer nor its timing
 * tells whether an account exists. ACCOUNT_INACTIVE is only said after a correct password.
 */
export class PasswordSignInService {
  constructor(
    private readonly users: UserService,
    private readonly passwords: PasswordService,
    private readonly throttle: SignInThrottle,
    private readonly audit: AuditService,
  ) {}

  async verifyCredentials(login: string, password: string, ip: string): Promise<UserEntity> {
    const key = login.trim().toLowerCase().slice(0, Limits.emailMax);
    // Counted against the account, not the typed text: username and email are one account.
    const user = key === "" ? null : await this.users.findByLogin(key);
    const account = accountKey(user?.id ?? null, key);
    try {
      await this.throttle.admit(account, ip);
    } catch (err) {
      // One audit row per lockout, not one per refused attempt (an attacker's loop would
      // otherwise fill the log).
      if (err instanceof RateLimitedError && err.lockoutStarted) {
        // Name the account only if it exists: an unknown login is often a mistyped password.
        await this.audit.record({
          action: AuditAction.RATE_LIMITED,
          targetId: user?.id ?? null,
          ip,
          detail: `sign-in locked for ${user ? user.username : "an unknown login"} from this address`,
        });
      }
      throw err;
    }

    // Over-long input is refused only after the same work, so length reveals nothing either.
    const tooLong = password.length > Limits.passwordMax;
    let ok = false;
    let needsRehash = false;
    if (user?.passwordHash && !tooLong) {
      ({ ok, needsRehash } = await this.passwords.verify(user.passwordHash, password));
    } else {
      await this.passwords.decoyVerify(tooLong ? "" : password);
    }

    if (!user || !ok) {
      await this.throttle.failed(account);
      await this.audit.record({
        action: AuditAction.SIGN_IN_FAILED,
        targetId: user?.id ?? null,
        ip,
        // What was typed for an unknown account is often a password: never store it.
        detail: user ? "wrong password" : "unknown login",
      });
      throw wrongCredentials();
    }
    if (!user.isActive) {
      await this.audit.record({
        action: AuditAction.SIGN_IN_FAILED,
        targetId: user.id,
        ip,
        detail: "account inactive",
      });
    }
    await this.throttle.succeeded(account, ip);
    this.users.assertCanSignIn(user);
    if (needsRehash) {
      // Parameters changed since this hash was made: upgrade it while we hold the password.
      await this.users.setPasswordHash(user.id, await this.passwords.hash(password));
    }
    return user;
  }

  /**
   * The signed-in user types their password again (reauthenticate). Limited like a sign-in,
   * so a stolen session cannot be used to guess the password.
   */
  async confirmPassword(
    userId: string,
    password: string,
    ip: string,
    /** The user row already read for this request (Viewer.user), saving a second query. */
    known?: UserEntity,
  ): Promise<void> {
    const user = known?.id === userId ? known : await this.users.findById(userId);
    if (!user) throw wrongCredentials();
    if (!user.passwordHash) {
      throw new AppError(
        ErrorCode.BAD_USER_INPUT,
        "Your account has no password: sign out and sign in again (magic link or Google) instead.",
        { field: "password" },
      );
    }
    const account = accountKey(user.id, "");
    await this.throttle.admit(account, ip);
    const tooLong = password.length > Limits.passwordMax;
    const { ok } = tooLong
      ? { ok: await this.passwords.decoyVerify("") }
      : await this.passwords.verify(user.passwordHash, password);
    if (!ok) {
      await this.throttle.failed(account);
      await this.audit.record({
        action: AuditAction.SIGN_IN_FAILED,
        actorId: user.id,
        targetId: user.id,
        ip,
        detail: "wrong password when re-authenticating",
      });
      throw new AppError(ErrorCode.BAD_USER_INPUT, "That is not your password.", {
        field: "password",
      });
    }
    await this.throttle.succeeded(account, ip);
  }
}
