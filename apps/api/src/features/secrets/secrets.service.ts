import type { DataSource } from "typeorm";
import type { Logger } from "../../logger.js";
import { ENCRYPTED_COLUMNS, type EncryptedColumn } from "./encrypted-columns.js";
import { KeyCheck, storedFingerprints } from "./key-check.js";
import type { KeyRing, Sealed } from "./key-ring.js";
import { type RotationCounts, type RotationOptions, rotateCiphertexts } from "./rotation.js";

export interface KeyUsageInfo {
  fingerprint: string;
  isPrimary: boolean;
  /** False for a fingerprint found in the data that no configured key has. */
  configured: boolean;
  ciphertexts: number;
}

export interface SecretKeyStatusInfo {
  primaryFingerprint: string;
  generated: boolean;
  generatedKeyFile: string | null;
  keys: KeyUsageInfo[];
  /** Ciphertexts whose recorded key is not configured (counted by fingerprint, not decrypted). */
  undecryptable: number;
}

/** Where security events go; the audit feature provides it. */
export interface AuditSink {
  record(event: {
    action: string;
    actorId?: string | null;
    targetId?: string | null;
    ip?: string | null;
    detail?: string | null;
  }): Promise<void>;
}

export interface Actor {
  userId: string | null;
  ip: string | null;
}

export const SECRET_KEY_ROTATED = "secret_key.rotated";

/** The key ring, the guard and rotation behind one face for the resolvers, the CLI and features. */
export class SecretsService {
  readonly check: KeyCheck;

  constructor(
    private readonly ds: DataSource,
    readonly ring: KeyRing,
    private readonly logger: Logger,
    private readonly audit?: AuditSink,
    readonly columns: readonly EncryptedColumn[] = ENCRYPTED_COLUMNS,
  ) {
    this.check = new KeyCheck(ds, ring, columns);
  }

  /** Start-up task: the wrong-key guard. */
  async verifyAtStartup(): Promise<void> {
    const { unknownFingerprints } = await this.check.atStartup();
    if (unknownFingerprints.length > 0) {
      this.logger.warn(
        { fingerprints: unknownFingerprints },
        "some stored secrets were written with a key that is not configured; they cannot be read (see secretKeyStatus)",
      );
    }
  }

  /** Encrypts for storage under the primary key, after making sure the stored data is ours. */
  async seal(plaintext: string): Promise<Sealed> {
    await this.check.beforeWrite();
    return this.ring.seal(plaintext);
  }

  /** The UTF-8 plaintext, or null when no configured key opens it. */
  open(ciphertext: string, fingerprint: string): string | null {
    return this.ring.open(ciphertext, fingerprint)?.plaintext.toString("utf8") ?? null;
  }

  async status(): Promise<SecretKeyStatusInfo> {
    const stored = await storedFingerprints(this.ds, this.columns);
    const primary = this.ring.primary.fingerprint;
    const keys: KeyUsageInfo[] = this.ring.keys.map((k) => ({
      fingerprint: k.fingerprint,
      isPrimary: k.fingerprint === primary,
      configured: true,
      ciphertexts: stored.get(k.fingerprint) ?? 0,
    }));
    let undecryptable = 0;
    for (const [fingerprint, n] of [...stored].sort(([a], [b]) => a.localeCompare(b))) {
      if (this.ring.has(fingerprint)) continue;
      undecryptable += n;
      keys.push({ fingerprint, isPrimary: false, configured: false, ciphertexts: n });
    }
    return {
      primaryFingerprint: primary,
      generated: this.ring.generated,
      generatedKeyFile: this.ring.generatedFile,
      keys,
      undecryptable,
    };
  }

  async rotate(opts: RotationOptions = {}, actor?: Actor): Promise<RotationCounts> {
    const started = Date.now();
    const counts = await rotateCiphertexts(this.ds, this.ring, this.columns, opts);
    const summary = {
      ...counts,
      dryRun: opts.dryRun === true,
      primaryFingerprint: this.ring.primary.fingerprint,
      ms: Date.now() - started,
    };
    this.logger.info(summary, "secret key rotation finished");
    if (!opts.dryRun) {
      await this.audit?.record({
        action: SECRET_KEY_ROTATED,
        actorId: actor?.userId ?? null,
        ip: actor?.ip ?? null,
        detail: `rotated=${counts.rotated} alreadyCurrent=${counts.alreadyCurrent} failed=${counts.failed} skipped=${counts.skipped} primary=${this.ring.primary.fingerprint}`,
      });
    }
    return counts;
  }
}
