import { type DataSource, In, type Repository } from "typeorm";
import type { Clock } from "../../clock.js";
import type { Config } from "../../config/config.js";
import { LookupCoalescer } from "../../db/lookup-coalescer.js";
import { hashToken, looksLikeToken, newSessionToken } from "../sessions/session-token.js";
import { UserEntity } from "../users/user.entity.js";
import { isUuid } from "../users/user.errors.js";
import {
  type MagicLinkDeliveryStatus,
  MagicLinkEntity,
  type MagicLinkOrigin,
  type MagicLinkPurpose,
} from "./magic-link.entity.js";
import { invalidLink } from "./magic-link.errors.js";

export interface IssuedLink {
  id: string;
  /** Absolute URL of the console's redemption page. Bearer secret: never log it. */
  url: string;
  expiresAt: Date;
}

export interface IssueOptions {
  origin: MagicLinkOrigin;
  actorId?: string | null;
  delivery: MagicLinkDeliveryStatus;
  /**
   * Where the browser goes after redeeming (already checked by the caller). Undefined: take
   * the destination of the user's outstanding requested link, if any (an admin-fetched link
   * for someone who asked for one on their way to an app).
   */
  returnTo?: string | null;
  /** Defaults to sign_in; reset links lead the redemption page to "set a new password". */
  purpose?: MagicLinkPurpose;
}

export interface LinkPreview {
  email: string | null;
  username: string;
  expiresAt: Date;
  purpose: MagicLinkPurpose;
}

/** A redeemed link: consumed unless its user was inactive (see consume). */
export interface Redemption {
  userId: string;
  consumed: boolean;
  /** The stored destination; the caller checks it again before using it. */
  returnTo: string | null;
}

/** Newest by time; within the same instant, the outstanding (unused, not replaced) one wins. */
const NEWEST_FIRST = `n."created_at" DESC, (n."used_at" IS NULL AND n."superseded_at" IS NULL) DESC,
  n."superseded_at" IS NULL DESC, n."id" DESC`;

/**
 * The link table: issue (superseding the user's outstanding links, see issue()), preview without
 * consuming, consume exactly once, and record how delivery went.
 */
export class MagicLinkService {
  private readonly links: Repository<MagicLinkEntity>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: Config,
    private readonly clock: Clock,
  ) {
    this.links = dataSource.getRepository(MagicLinkEntity);
  }

  urlFor(token: string): string {
    return `${this.config.publicUrl}/auth/magic?token=${token}`;
  }

  async issue(userId: string, opts: IssueOptions): Promise<IssuedLink> {
    const token = newSessionToken();
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + this.config.magicLinkTtlMs);
    const id = await this.dataSource.transaction(async (tx) => {
      let returnTo = opts.returnTo;
      if (returnTo === undefined) {
        const pending: { return_to: string | null }[] = await tx.query(
          `SELECT "return_to" FROM "magic_links"
            WHERE "user_id" = $1 AND "origin" = 'request' AND "used_at" IS NULL
              AND "superseded_at" IS NULL AND "expires_at" > $2
            ORDER BY "created_at" DESC LIMIT 1`,
          [userId, now],
        );
        returnTo = pending[0]?.return_to ?? null;
      }
      // A new link replaces older outstanding ones, but an anonymous request only replaces
      // earlier anonymous requests: otherwise any stranger who knows the email could keep
      // killing the link an admin fetched (emailLoginUrl) or the CLI printed.
      await tx.query(
        `UPDATE "magic_links" SET "superseded_at" = $2
          WHERE "user_id" = $1 AND "used_at" IS NULL AND "superseded_at" IS NULL
            AND ($3::boolean OR "origin" = 'request')`,
        [userId, now, opts.origin !== "request"],
      );
      const rows: { id: string }[] = await tx.query(
        `INSERT INTO "magic_links"
           ("user_id", "token_hash", "origin", "actor_id", "created_at", "expires_at", "delivery",
            "delivery_updated_at", "return_to", "purpose")
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING "id"`,
        [
          userId,
          hashToken(token),
          opts.origin,
          opts.actorId ?? null,
          now,
          expiresAt,
          opts.delivery,
          opts.delivery === "pending" ? null : now,
          returnTo,
          opts.purpose ?? "sign_in",
        ],
      );
      return rows[0]!.id;
    });
    return { id, url: this.urlFor(token), expiresAt };
  }

  /** Who a live link signs in, for the confirmation page. Does not consume it. */
  async preview(token: string): Promise<LinkPreview> {
    if (!looksLikeToken(token)) throw invalidLink();
    const rows: {
      email: string | null;
      username: string;
      expires_at: Date;
      purpose: MagicLinkPurpose;
    }[] = await this.dataSource.query(
      `SELECT u."email", u."username", l."expires_at", l."purpose" FROM "magic_links" l
           JOIN "users" u ON u."id" = l."user_id"
          WHERE l."token_hash" = $1 AND l."used_at" IS NULL AND l."superseded_at" IS NULL
            AND l."expires_at" > $2`,
      [hashToken(token), this.clock.now()],
    );
    const row = rows[0];
    if (!row) throw invalidLink();
    return {
      email: row.email,
      username: row.username,
      expiresAt: new Date(row.expires_at),
      purpose: row.purpose,
    };
  }

  /**
   * Consumes a link and returns its user id. One conditional UPDATE is the whole decision,
   * so of any number of concurrent redemptions exactly one gets a row back. A link of an
   * inactive user is NOT consumed: an invitation clicked before an admin activated the
   * account must still work afterwards (consumed: false tells the caller to refuse).
   */
  async consume(token: string): Promise<Redemption> {
    if (!looksLikeToken(token)) throw invalidLink();
    const now = this.clock.now();
    const digest = hashToken(token);
    type Row = { user_id: string; return_to: string | null };
    const rows: Row[] = await this.dataSource.query(
      `UPDATE "magic_links" l SET "used_at" = $2
        WHERE l."token_hash" = $1 AND l."used_at" IS NULL AND l."superseded_at" IS NULL
          AND l."expires_at" > $2
          AND EXISTS (SELECT 1 FROM "users" u WHERE u."id" = l."user_id" AND u."is_active")
        RETURNING l."user_id", l."return_to"`,
      [digest, now],
    );
    // The pg driver answers UPDATE ... RETURNING with [rows, count] through TypeORM.
    const list = Array.isArray(rows[0]) ? (rows[0] as unknown as Row[]) : rows;
    const row = list[0];
    if (row) return { userId: row.user_id, consumed: true, returnTo: row.return_to };
    const waiting: Row[] = await this.dataSource.query(
      `SELECT l."user_id", l."return_to" FROM "magic_links" l JOIN "users" u ON u."id" = l."user_id"
        WHERE l."token_hash" = $1 AND l."used_at" IS NULL AND l."superseded_at" IS NULL
          AND l."expires_at" > $2 AND NOT u."is_active"`,
      [digest, now],
    );
    if (!waiting[0]) throw invalidLink();
    return { userId: waiting[0].user_id, consumed: false, returnTo: waiting[0].return_to };
  }

  async recordDelivery(
    linkId: string,
    result: { status: MagicLinkDeliveryStatus; error?: string | null; attempts: number },
  ): Promise<void> {
    await this.links.update(
      { id: linkId },
      {
        delivery: result.status,
        deliveryError: result.error ? result.error.slice(0, 300) : null,
        deliveryAttempts: result.attempts,
        deliveryUpdatedAt: this.clock.now(),
      },
    );
  }

  /**
   * Forgets links that ended long ago, keeping each user's newest so its delivery status
   * stays visible. Requests are rate limited, so this only bounds slow growth.
   */
  async prune(olderThanMs = 30 * 86_400_000): Promise<number> {
    const result: [unknown[], number] = await this.dataSource.query(
      `DELETE FROM "magic_links" l
        WHERE l."expires_at" < $1
          AND l."id" <> (SELECT n."id" FROM "magic_links" n WHERE n."user_id" = l."user_id"
                          ORDER BY ${NEWEST_FIRST} LIMIT 1)`,
      [new Date(this.clock.now().getTime() - olderThanMs)],
    );
    return result[1] ?? 0;
  }

  /**
   * The user's newest link. A page of users asks this once per user; calls that arrive while
   * one is running share the next query, so a page costs two round trips, not one per user.
   */
  async latestFor(userId: string): Promise<MagicLinkEntity | null> {
    if (!isUuid(userId)) return null;
    return (await this.latest.load(userId)) ?? null;
  }

  private readonly latest = new LookupCoalescer<string, MagicLinkEntity>(async (userIds) => {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT DISTINCT ON (n."user_id") n."id" FROM "magic_links" n
        WHERE n."user_id" = ANY($1::uuid[])
        ORDER BY n."user_id", ${NEWEST_FIRST}`,
      [userIds],
    );
    if (rows.length === 0) return new Map();
    const links = await this.links.findBy({ id: In(rows.map((r) => r.id)) });
    return new Map(links.map((l) => [l.userId, l]));
  });

  async findUser(userId: string): Promise<UserEntity | null> {
    // A malformed id from a client is "no such user", not a uuid cast error from the database.
    if (!isUuid(userId)) return null;
    return this.dataSource.getRepository(UserEntity).findOne({ where: { id: userId } });
  }
}
