import { createHash, randomBytes } from "node:crypto";
import type { DataSource } from "typeorm";
import type { Clock } from "../../clock.js";
import { hashToken } from "../sessions/session-token.js";

/** Long enough to pick an account and approve; short enough that a stale tab cannot finish. */
export const OAUTH_STATE_TTL_MS = 10 * 60_000;

export interface StartedFlow {
  state: string;
  /** Goes in the browser's flow cookie; the state only works together with it. */
  browserSecret: string;
  codeChallenge: string;
  nonce: string;
}

export interface FinishedFlow {
  codeVerifier: string;
  nonce: string;
  /** The stored destination ("/" when none); the route checks it again before using it. */
  returnTo: string;
  /** Set for a link flow from My account: who started it, from which session. */
  link: { userId: string; sessionId: string } | null;
}

const random = (bytes = 32) => randomBytes(bytes).toString("base64url");

/** Pending redirect flows, in the database (any instance can finish one), single use. */
export class OAuthStateService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /**
   * `returnTo`: where to land after sign-in, already checked by the caller (ReturnToService).
   * `link`: a signed-in user links Google to their own account, from this session.
   */
  async start(
    returnTo: string = "/",
    link?: { userId: string; sessionId: string },
  ): Promise<StartedFlow> {
    const state = random();
    const browserSecret = random();
    // RFC 7636: 43-128 characters from the unreserved set; base64url of 48 bytes is 64.
    const codeVerifier = random(48);
    const nonce = random(24);
    const now = this.clock.now();
    await this.dataSource.query(
      `INSERT INTO "google_oauth_states"
         ("state_hash", "browser_hash", "code_verifier", "nonce", "created_at", "expires_at",
          "return_to", "link_user_id", "link_session_id")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        hashToken(state),
        hashToken(browserSecret),
        codeVerifier,
        nonce,
        now,
        new Date(now.getTime() + OAUTH_STATE_TTL_MS),
        returnTo === "/" ? null : returnTo,
        link?.userId ?? null,
        link?.sessionId ?? null,
      ],
    );
    await this.prune();
    const codeChallenge = createHash("sha256").update(codeVerifier).digest("base64url");
    return { state, browserSecret, codeChallenge, nonce };
  }

  /** Old, abandoned or finished flows are useless once expired; removed as new ones start. */
  async prune(): Promise<void> {
    const cutoff = new Date(this.clock.now().getTime() - OAUTH_STATE_TTL_MS);
    await this.dataSource.query(`DELETE FROM "google_oauth_states" WHERE "expires_at" < $1`, [
      cutoff,
    ]);
  }

  /**
   * Consumes the flow for this state if it was started by this browser, is unused and
   * unexpired: one conditional UPDATE, so a replayed callback finds nothing.
   */
  async finish(state: string, browserSecret: string | null): Promise<FinishedFlow | null> {
    if (!state || !browserSecret || state.length > 128 || browserSecret.length > 128) return null;
    type Row = {
      code_verifier: string;
      nonce: string;
      return_to: string | null;
      link_user_id: string | null;
      link_session_id: string | null;
    };
    const result: [Row[], number] = await this.dataSource.query(
      `UPDATE "google_oauth_states" SET "used_at" = $3
          WHERE "state_hash" = $1 AND "browser_hash" = $2
            AND "used_at" IS NULL AND "expires_at" > $3
          RETURNING "code_verifier", "nonce", "return_to", "link_user_id", "link_session_id"`,
      [hashToken(state), hashToken(browserSecret), this.clock.now()],
    );
    const row = result[0]?.[0];
    if (!row) return null;
    // Checked again on the way out: a row is only as trustworthy as whoever wrote it.
    return {
      codeVerifier: row.code_verifier,
      nonce: row.nonce,
      returnTo: row.return_to ?? "/",
      link:
        row.link_user_id && row.link_session_id
          ? { userId: row.link_user_id, sessionId: row.link_session_id }
          : null,
    };
  }
}
