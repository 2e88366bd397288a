import { randomBytes } from "node:crypto";
import type { Algorithm } from "@node-rs/argon2";
import { HashThreads } from "./hash-threads.js";

/**
 * argon2id with parameters set explicitly (OWASP's m=19 MiB, t=2, p=1), so a library
 * upgrade that changes its defaults cannot silently weaken or change our hashes.
 */
// Algorithm is an ambient const enum (unusable under isolatedModules); 2 is its Argon2id.
const ARGON2ID = 2 as Algorithm;

export const ARGON2_PARAMS: Argon2Params = {
  algorithm: ARGON2ID,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
  outputLen: 32,
};

export interface Argon2Params {
  algorithm: Algorithm;
  memoryCost: number;
  timeCost: number;
  parallelism: number;
  outputLen: number;
}

const PHC_PARAMS = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/;

export interface VerifyResult {
  ok: boolean;
  /** The hash was made with other parameters (or another algorithm): store a fresh one. */
  needsRehash: boolean;
}

/**
 * Hashing and checking passwords. The work runs on low-priority threads, off the event loop,
 * so a burst of sign-ins takes only the CPU nothing else is asking for.
 */
export class PasswordService {
  private decoy?: Promise<string>;

  /**
   * `params` is a seam for tests that exercise sign-in rather than hashing (they pass a cheap
   * cost through the composition root's Overrides); nothing in the environment reaches it.
   */
  constructor(
    private readonly threads: HashThreads = new HashThreads(),
    private readonly params: Argon2Params = ARGON2_PARAMS,
  ) {}

  hash(password: string): Promise<string> {
    return this.threads.hash(password, this.params);
  }

  /** Stops the hashing threads (server shutdown). */
  close(): Promise<void> {
    return this.threads.close();
  }

  async verify(stored: string, password: string): Promise<VerifyResult> {
    let ok = false;
    try {
      ok = await this.threads.verify(stored, password);
    } catch {
      // A malformed stored hash is a failed check, never a crash or a sign-in.
      ok = false;
    }
    return { ok, needsRehash: ok && this.needsRehash(stored) };
  }

  needsRehash(stored: string): boolean {
    const m = PHC_PARAMS.exec(stored);
    if (!m) return true;
    return (
      Number(m[1]) !== this.params.memoryCost ||
      Number(m[2]) !== this.params.timeCost ||
      Number(m[3]) !== this.params.parallelism
    );
  }

  /**
   * Spends the same work as a real check against a hash nobody knows the password of,
   * so an unknown username costs as much time as a wrong password. Always false.
   */
  async decoyVerify(password: string): Promise<false> {
    this.decoy ??= this.hash(randomBytes(32).toString("base64url"));
    await this.verify(await this.decoy, password);
    return false;
  }
}
