import { createHash } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { addressKey } from "./address-key.js";
import {
  type RateLimitService,
  SIGN_IN_PER_ACCOUNT_ADDRESS,
  SIGN_IN_PER_IP,
} from "./rate-limit.service.js";

export const SIGN_IN_PAIR_BUCKET = "signin:account-address";
export const SIGN_IN_ADDRESS_BUCKET = "signin:ip";
export const SIGN_IN_ACCOUNT_BUCKET = "signin:account";

/**
 * Failures at one account from every address together never refuse anyone (that would hand
 * a stranger the power to keep the owner out); past a free allowance each attempt on the
 * account waits a little longer, a few seconds at most.
 */
export const SIGN_IN_ACCOUNT_SLOWDOWN = {
  windowMs: 60 * 60_000,
  freeFailures: 10,
  firstDelayMs: 250,
  maxDelayMs: 3_000,
};

/** The wait before checking a password on an account with `failures` recent failures. */
export function slowdownMs(failures: number): number {
  const s = SIGN_IN_ACCOUNT_SLOWDOWN;
  if (failures < s.freeFailures) return 0;
  return Math.min(s.maxDelayMs, s.firstDelayMs * 2 ** (failures - s.freeFailures));
}

/** Whose counters an attempt spends: the account's id, or for unknown names a keyed digest. */
export function accountKey(userId: string | null, login: string): string {
  if (userId) return `user:${userId}`;
  // Unknown names get a bucket of their own, counted like an account, so lockouts and
  // delays look the same whether or not the account exists. Hashed: people type passwords
  // into the username field.
  return `name:${createHash("sha256").update(login, "utf8").digest("base64url").slice(0, 32)}`;
}

const pairKey = (account: string, address: string) => `${account}|${address}`;

/**
 * The sign-in limits. Guesses are counted per (account, client address), so an attacker's
 * failures lock only the attacker's address; per address, failures at any account are
 * limited too; across addresses the account is only slowed down. Attempts are counted
 * before the password is checked (so parallel guesses cannot slip past a limit) and given
 * back when the password was right, so successful sign-ins spend nothing.
 */
export class SignInThrottle {
  constructor(
    private readonly rateLimits: RateLimitService,
    private readonly wait: (ms: number) => Promise<unknown> = sleep,
  ) {}

  /** Throws RateLimitedError when this address may not try this account now; may wait. */
  async admit(account: string, ip: string): Promise<void> {
    const address = addressKey(ip);
    await this.rateLimits.consume(
      SIGN_IN_PAIR_BUCKET,
      pairKey(account, address),
      SIGN_IN_PER_ACCOUNT_ADDRESS,
    );
    await this.rateLimits.consume(SIGN_IN_ADDRESS_BUCKET, address, SIGN_IN_PER_IP);
    const failures = await this.rateLimits.peek(
      SIGN_IN_ACCOUNT_BUCKET,
      account,
      SIGN_IN_ACCOUNT_SLOWDOWN.windowMs,
    );
    const delay = slowdownMs(failures);
    if (delay > 0) await this.wait(delay);
  }

  /** The password was wrong: the account's cross-address count grows. */
  async failed(account: string): Promise<void> {
    await this.rateLimits.consume(SIGN_IN_ACCOUNT_BUCKET, account, {
      limit: 2_000_000_000,
      windowMs: SIGN_IN_ACCOUNT_SLOWDOWN.windowMs,
      lockoutMs: 0,
      maxLockoutMs: 0,
    });
  }

  /** The password was right: this address's attempt is given back, its guesses forgotten. */
  async succeeded(account: string, ip: string): Promise<void> {
    const address = addressKey(ip);
    await this.rateLimits.reset(SIGN_IN_PAIR_BUCKET, pairKey(account, address));
    await this.rateLimits.refund(SIGN_IN_ADDRESS_BUCKET, address);
  }

  /** Clears every sign-in counter of one account (a superuser's unlock, a CLI password reset). */
  unlock(userId: string): Promise<number> {
    return this.rateLimits.resetFamily(
      [SIGN_IN_PAIR_BUCKET, SIGN_IN_ACCOUNT_BUCKET],
      accountKey(userId, ""),
      "|",
    );
  }
}
