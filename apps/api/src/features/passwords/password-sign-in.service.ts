import { ErrorCode, Limits } from "@gatehouse/shared";
import { AppError } from "../../errors.js";
import { AuditAction, type AuditService } from "../audit/audit.service.js";
import {
  RateLimitedError,
  type RateLimitService,
  SIGN_IN_PER_IP,
  SIGN_IN_PER_USERNAME,
} from "../rate-limits/rate-limit.service.js";
import type { UserEntity } from "../users/user.entity.js";
import type { UserService } from "../users/user.service.js";
import type { PasswordService } from "./password.service.js";

export const SIGN_IN_USER_BUCKET = "signin:user";
export const SIGN_IN_IP_BUCKET = "signin:ip";

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
    private readonly rateLimits: RateLimitService,
    private readonly audit: AuditService,
  ) {}

  async verifyCredentials(login: string, password: string, ip: string): Promise<UserEntity> {
    const key = login.trim().toLowerCase().slice(0, Limits.emailMax);
    try {
      await this.rateLimits.consume(SIGN_IN_IP_BUCKET, ip, SIGN_IN_PER_IP);
      await this.rateLimits.consume(SIGN_IN_USER_BUCKET, key, SIGN_IN_PER_USERNAME);
    } catch (err) {
      // One audit row per lockout, not one per refused attempt (an attacker's loop would
      // otherwise fill the log).
      if (err instanceof RateLimitedError && err.lockoutStarted) {
        // Name the account only if it exists: an unknown login is often a mistyped password.
        const known = key === "" ? null : await this.users.findByLogin(key);
        await this.audit.record({
          action: AuditAction.RATE_LIMITED,
          targetId: known?.id ?? null,
          ip,
          detail: `sign-in locked for ${known ? known.username : "an unknown login"}`,
        });
      }
      throw err;
    }

    // Over-long input is refused only after the same work, so length reveals nothing either.
    const tooLong = password.length > Limits.passwordMax;
    const user = key === "" ? null : await this.users.findByLogin(key);
    let ok = false;
    let needsRehash = false;
    if (user?.passwordHash && !tooLong) {
      ({ ok, needsRehash } = await this.passwords.verify(user.passwordHash, password));
    } else {
      await this.passwords.decoyVerify(tooLong ? "" : password);
    }

    if (!user || !ok) {
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
    this.users.assertCanSignIn(user);
    await this.rateLimits.reset(SIGN_IN_USER_BUCKET, key);
    if (needsRehash) {
      // Parameters changed since this hash was made: upgrade it while we hold the password.
      await this.users.setPasswordHash(user.id, await this.passwords.hash(password));
    }
    return user;
  }
}
