import { randomBytes } from "node:crypto";
import { exportJWK, generateKeyPair, type JWK } from "jose";
import type { DataSource } from "typeorm";
import type { Clock } from "../../clock.js";
import type { Sealed } from "../secrets/key-ring.js";
import type { AuditSink, SecretsService } from "../secrets/secrets.service.js";

/** RS256 is what every relying party supports; ES256 is published too for those that prefer it. */
export const SIGNING_ALGS = ["RS256", "ES256"] as const;

export const OIDC_KEYS_ROTATED = "oidc.keys_rotated";

interface Row {
  kid: string;
  alg: string;
  ciphertext: string;
  key_fingerprint: string;
  public_jwk: JWK;
  created_at: Date;
  retired_at: Date | null;
}

export interface SigningKeySet {
  /** Private JWKs for oidc-provider: current keys first (they sign), then retired ones. */
  jwks: JWK[];
  /** Changes whenever a key is added or retired: instances rebuild their provider on change. */
  version: string;
}

/** A lock id of our own for pg_advisory_xact_lock: concurrent first starts make one key set. */
const KEYS_LOCK = 7_960_000_700;

/**
 * Gatehouse's token signing keys: made on first use, stored encrypted with the secret key
 * ring, shared by every instance. Rotation retires the current keys; they stay published
 * for `graceMs` so tokens signed before the rotation still verify.
 */
export class SigningKeys {
  constructor(
    private readonly ds: DataSource,
    private readonly secrets: SecretsService,
    private readonly clock: Clock,
    private readonly graceMs: number,
    private readonly audit?: AuditSink,
  ) {}

  /** The live key set, creating the first keys when there are none. */
  async load(): Promise<SigningKeySet> {
    let rows = await this.rows();
    if (!SIGNING_ALGS.every((alg) => rows.some((r) => r.alg === alg && !r.retired_at))) {
      // Made and sealed before the transaction: sealing reads the database itself.
      const fresh = await Promise.all(SIGNING_ALGS.map((alg) => this.make(alg)));
      await this.ds.transaction(async (m) => {
        await m.query(`SELECT pg_advisory_xact_lock($1)`, [KEYS_LOCK]);
        const current = (await m.query(
          `SELECT alg FROM oidc_signing_keys WHERE retired_at IS NULL`,
        )) as { alg: string }[];
        for (const key of fresh) {
          if (!current.some((r) => r.alg === key.alg)) await this.insert(m, key);
        }
      });
      rows = await this.rows();
    }
    const jwks: JWK[] = [];
    for (const row of rows) {
      const plain = this.secrets.open(row.ciphertext, row.key_fingerprint);
      // A key no configured secret key opens cannot sign; the others still work.
      if (plain !== null) jwks.push(JSON.parse(plain) as JWK);
    }
    const version = rows.map((r) => `${r.kid}:${r.retired_at ? 1 : 0}`).join(",");
    return { jwks, version };
  }

  /** Only the version (cheap): instances poll it to notice another instance's rotation. */
  async version(): Promise<string> {
    const rows = (await this.ds.query(
      `SELECT kid, retired_at FROM oidc_signing_keys
        WHERE retired_at IS NULL OR retired_at > $1 ORDER BY retired_at IS NOT NULL, created_at DESC, kid`,
      [new Date(this.clock.now().getTime() - this.graceMs)],
    )) as { kid: string; retired_at: Date | null }[];
    return rows.map((r) => `${r.kid}:${r.retired_at ? 1 : 0}`).join(",");
  }

  /** New keys sign from now on; the old ones stay published for the grace period. */
  async rotate(actor?: { userId: string | null; ip: string | null }): Promise<string[]> {
    const fresh = await Promise.all(SIGNING_ALGS.map((alg) => this.make(alg)));
    const kids = await this.ds.transaction(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock($1)`, [KEYS_LOCK]);
      await m.query(`UPDATE oidc_signing_keys SET retired_at = $1 WHERE retired_at IS NULL`, [
        this.clock.now(),
      ]);
      for (const key of fresh) await this.insert(m, key);
      return fresh.map((k) => k.kid);
    });
    await this.ds.query(`DELETE FROM oidc_signing_keys WHERE retired_at <= $1`, [
      new Date(this.clock.now().getTime() - this.graceMs),
    ]);
    await this.audit?.record({
      action: OIDC_KEYS_ROTATED,
      actorId: actor?.userId ?? null,
      ip: actor?.ip ?? null,
      detail: `new kids ${kids.join(", ")}`,
    });
    return kids;
  }

  /** The published keys without their private parts (the console shows them): current first. */
  async list(): Promise<SigningKeyInfo[]> {
    return (await this.rows()).map((r) => ({
      kid: r.kid,
      alg: r.alg,
      createdAt: new Date(r.created_at),
      retiredAt: r.retired_at ? new Date(r.retired_at) : null,
      publishedUntil: r.retired_at
        ? new Date(new Date(r.retired_at).getTime() + this.graceMs)
        : null,
    }));
  }

  private async rows(): Promise<Row[]> {
    return (await this.ds.query(
      `SELECT kid, alg, ciphertext, key_fingerprint, public_jwk, created_at, retired_at
         FROM oidc_signing_keys
        WHERE retired_at IS NULL OR retired_at > $1
        ORDER BY retired_at IS NOT NULL, created_at DESC, kid`,
      [new Date(this.clock.now().getTime() - this.graceMs)],
    )) as Row[];
  }

  private async make(alg: string): Promise<NewKey> {
    const { privateKey } = await generateKeyPair(alg, { extractable: true, modulusLength: 2048 });
    const kid = randomBytes(12).toString("base64url");
    const jwk = { ...(await exportJWK(privateKey)), kid, alg, use: "sig" };
    const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicJwk } = jwk;
    return { kid, alg, sealed: await this.secrets.seal(JSON.stringify(jwk)), publicJwk };
  }

  private async insert(
    m: { query(sql: string, params?: unknown[]): Promise<unknown> },
    key: NewKey,
  ): Promise<void> {
    await m.query(
      `INSERT INTO oidc_signing_keys (kid, alg, ciphertext, key_fingerprint, public_jwk, created_at)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        key.kid,
        key.alg,
        key.sealed.ciphertext,
        key.sealed.fingerprint,
        JSON.stringify(key.publicJwk),
        this.clock.now(),
      ],
    );
  }
}

export interface SigningKeyInfo {
  kid: string;
  alg: string;
  createdAt: Date;
  /** Set once a rotation replaced it: it no longer signs but still verifies. */
  retiredAt: Date | null;
  /** When it leaves the JWKS (retiredAt + GATEHOUSE_OIDC_KEY_GRACE). */
  publishedUntil: Date | null;
}

interface NewKey {
  kid: string;
  alg: string;
  sealed: Sealed;
  publicJwk: JWK;
}
