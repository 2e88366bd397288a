import type { DataSource } from "typeorm";
import type { Clock } from "../../clock.js";
import { googleRefused } from "./google.errors.js";

/** google-auth-library accepts a token up to 5 minutes past `exp` (clock skew); outlive that. */
const KEEP_AFTER_EXPIRY_MS = 10 * 60_000;

/**
 * Each verified ID token signs in once. Accepted tokens are remembered (by hash) in the
 * database until they expire, so a token that leaked from a client, a log or a proxy cannot
 * be replayed on this or any other instance.
 */
export class IdTokenReplayGuard {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** Records the token as used; throws TOKEN_REPLAYED if it was used before. */
  async claim(replayKey: string, expiresAt: Date): Promise<void> {
    const now = this.clock.now();
    // Old rows are useless once their token has expired; cleared as new ones arrive.
    await this.dataSource.query(`DELETE FROM "google_id_token_uses" WHERE "expires_at" < $1`, [
      now,
    ]);
    const rows: { token_hash: string }[] = await this.dataSource.query(
      `INSERT INTO "google_id_token_uses" ("token_hash", "expires_at") VALUES ($1, $2)
       ON CONFLICT ("token_hash") DO NOTHING RETURNING "token_hash"`,
      [replayKey, new Date(expiresAt.getTime() + KEEP_AFTER_EXPIRY_MS)],
    );
    if (rows.length === 0) throw googleRefused("TOKEN_REPLAYED");
  }
}
