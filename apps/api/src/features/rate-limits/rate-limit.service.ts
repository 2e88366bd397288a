import { ErrorCode } from "@gatehouse/shared";
import type { DataSource } from "typeorm";
import type { Clock } from "../../clock.js";
import { AppError } from "../../errors.js";

export interface RateLimitPolicy {
  /** Attempts allowed per window; the next one starts a lockout. */
  limit: number;
  windowMs: number;
  /** First lockout; each further lockout doubles it, up to maxLockoutMs. */
  lockoutMs: number;
  maxLockoutMs: number;
}

/**
 * Sign-in guesses at one account from one client address: a handful, then lockouts of 1, 2,
 * 4 ... minutes (at most an hour). Only that address is locked out, never the account.
 */
export const SIGN_IN_PER_ACCOUNT_ADDRESS: RateLimitPolicy = {
  limit: 5,
  windowMs: 15 * 60_000,
  lockoutMs: 60_000,
  maxLockoutMs: 60 * 60_000,
};

/** Failed sign-ins per client address, whatever the account: roomier (offices share addresses). */
export const SIGN_IN_PER_IP: RateLimitPolicy = {
  limit: 30,
  windowMs: 15 * 60_000,
  lockoutMs: 5 * 60_000,
  maxLockoutMs: 60 * 60_000,
};

/** Strikes are forgotten after a quiet day, so an old lockout does not double a new one forever. */
const STRIKE_MEMORY = "interval '1 day'";

// Pieces of the one upsert below. $3 = now, $4 = window ms, $5 = limit, $6 = lockout ms, $7 = max.
const LOCKED = "(r.locked_until IS NOT NULL AND r.locked_until > $3::timestamptz)";
const EXPIRED = "(r.window_started_at <= $3::timestamptz - $4::float8 * interval '1 millisecond')";
const NEW_HITS = `(CASE WHEN ${LOCKED} THEN r.hits WHEN ${EXPIRED} THEN 1 ELSE r.hits + 1 END)`;
const OVER = `(NOT ${LOCKED} AND ${NEW_HITS} > $5::int)`;
const STRIKES = `(CASE WHEN r.updated_at < $3::timestamptz - ${STRIKE_MEMORY} THEN 0 ELSE r.strikes END)`;

/**
 * One statement does read, count, window roll-over and lockout, so concurrent requests on
 * any number of instances cannot both slip under the limit.
 */
const CONSUME_SQL = `
  WITH "before" AS (SELECT "locked_until" FROM "rate_limits" WHERE "bucket" = $1 AND "key" = $2)
  INSERT INTO "rate_limits" AS r ("bucket", "key", "hits", "window_started_at", "locked_until", "strikes", "updated_at")
  VALUES ($1, $2, 1, $3::timestamptz, NULL, 0, $3::timestamptz)
  ON CONFLICT ("bucket", "key") DO UPDATE SET
    "hits" = CASE WHEN ${OVER} THEN 0 ELSE ${NEW_HITS} END,
    "window_started_at" = CASE
      WHEN ${LOCKED} THEN r.window_started_at
      WHEN ${OVER} OR ${EXPIRED} THEN $3::timestamptz
      ELSE r.window_started_at END,
    "locked_until" = CASE
      WHEN ${OVER} THEN $3::timestamptz
        + LEAST($6::float8 * power(2, ${STRIKES}), $7::float8) * interval '1 millisecond'
      ELSE r.locked_until END,
    "strikes" = CASE WHEN ${OVER} THEN ${STRIKES} + 1 ELSE r.strikes END,
    "updated_at" = $3::timestamptz
  RETURNING "hits", "locked_until",
    (SELECT "locked_until" FROM "before") AS "was_locked_until"`;

/** RATE_LIMITED, knowing whether this very attempt started the lockout (for the audit log). */
export class RateLimitedError extends AppError {
  constructor(
    retryAfterSeconds: number,
    /** Not in `extra`, so it never reaches clients. */
    readonly lockoutStarted: boolean,
  ) {
    super(
      ErrorCode.RATE_LIMITED,
      `Too many attempts; try again in ${describeWait(retryAfterSeconds)}.`,
      { retryAfterSeconds },
    );
  }
}

/** Database-backed counters shared by every instance. */
export class RateLimitService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    /** Told about every refusal (metrics); optional so the CLI can skip it. */
    private readonly onRefused?: (bucket: string) => void,
  ) {}

  /**
   * Counts one attempt against (bucket, key). Throws RATE_LIMITED, with `retryAfterSeconds`
   * in the error's extensions, when the key is locked out or this attempt starts a lockout.
   */
  async consume(bucket: string, key: string, policy: RateLimitPolicy): Promise<number> {
    const now = this.clock.now();
    const rows: { hits: number; locked_until: Date | null; was_locked_until: Date | null }[] =
      await this.dataSource.query(CONSUME_SQL, [
        bucket,
        key.slice(0, 255),
        now,
        policy.windowMs,
        policy.limit,
        policy.lockoutMs,
        policy.maxLockoutMs,
      ]);
    const row = rows[0];
    const lockedUntil = row?.locked_until ? new Date(row.locked_until) : null;
    if (row && lockedUntil && lockedUntil.getTime() > now.getTime()) {
      const retryAfterSeconds = Math.max(
        1,
        Math.ceil((lockedUntil.getTime() - now.getTime()) / 1000),
      );
      // The lockout started now unless the row was already locked before this attempt
      // (read from the statement's snapshot: good enough for an audit row).
      const was = row.was_locked_until ? new Date(row.was_locked_until).getTime() : 0;
      const started = was <= now.getTime();
      this.onRefused?.(bucket);
      throw new RateLimitedError(retryAfterSeconds, started);
    }
    return row?.hits ?? 0;
  }

  /** Attempts counted in the current window, without counting one. */
  async peek(bucket: string, key: string, windowMs: number): Promise<number> {
    const rows: { hits: number }[] = await this.dataSource.query(
      `SELECT "hits" FROM "rate_limits" WHERE "bucket" = $1 AND "key" = $2
         AND "window_started_at" > $3::timestamptz - $4::float8 * interval '1 millisecond'`,
      [bucket, key.slice(0, 255), this.clock.now(), windowMs],
    );
    return rows[0]?.hits ?? 0;
  }

  /** Gives back one attempt counted by consume() (it turned out not to be a failure). */
  async refund(bucket: string, key: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE "rate_limits" SET "hits" = GREATEST("hits" - 1, 0)
        WHERE "bucket" = $1 AND "key" = $2 AND ("locked_until" IS NULL OR "locked_until" <= $3::timestamptz)`,
      [bucket, key.slice(0, 255), this.clock.now()],
    );
  }

  /** Forgets every counter in `buckets` whose key is `key` or starts with `key` + separator. */
  async resetFamily(buckets: string[], key: string, separator: string): Promise<number> {
    const res = await this.dataSource.query(
      `DELETE FROM "rate_limits" WHERE "bucket" = ANY($1::varchar[])
         AND ("key" = $2 OR left("key", length($2) + 1) = $2 || $3)`,
      [buckets, key, separator],
    );
    return Array.isArray(res) ? Number(res[1] ?? 0) : 0;
  }

  /** Forgets a key (e.g. a successful sign-in clears that username's failures). */
  async reset(bucket: string, key: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM "rate_limits" WHERE "bucket" = $1 AND "key" = $2`, [
      bucket,
      key.slice(0, 255),
    ]);
  }

  /** Drops counters nobody has touched for a day (their strikes are forgotten anyway). */
  async prune(): Promise<number> {
    const now = this.clock.now();
    const res = await this.dataSource.query(
      `DELETE FROM "rate_limits" WHERE "updated_at" < $1::timestamptz - ${STRIKE_MEMORY}
         AND ("locked_until" IS NULL OR "locked_until" < $1::timestamptz)`,
      [now],
    );
    return Array.isArray(res) ? Number(res[1] ?? 0) : 0;
  }
}

function describeWait(seconds: number): string {
  if (seconds < 90) return `${seconds} seconds`;
  return `${Math.ceil(seconds / 60)} minutes`;
}
