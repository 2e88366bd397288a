import type { DataSource, Repository } from "typeorm";
import type { Clock } from "../../clock.js";
import { LookupCoalescer } from "../../db/lookup-coalescer.js";
import type { RequestInfo, Viewer } from "../../http/request.js";
import { AuditAction, type AuditService } from "../audit/audit.service.js";
import type { UserEntity } from "../users/user.entity.js";
import { isUuid } from "../users/user.errors.js";
import { type UserRow, userFromRow } from "../users/user-row.js";
import { SessionEntity } from "./session.entity.js";
import { noSuchSession } from "./session.errors.js";
import { hashToken, looksLikeToken, newSessionToken, sameHash } from "./session-token.js";

export interface StartedSession {
  /** Shown once, to the client that signed in; only its hash is stored. */
  token: string;
  expiresAt: Date;
  sessionId: string;
}

/** What one session look-up returns: the session and the few user fields a request needs. */
export interface ResolvedSession {
  sessionId: string;
  userId: string;
  username: string;
  isSuperuser: boolean;
  expiresAt: Date;
  /** The owner's last sign-in or re-authentication. */
  signedInAt: Date;
  /** The whole user row, read by the same query, so `me` needs no second one. */
  user: UserEntity;
  /** When the session was last used (as written by the last touch). */
  lastSeenAt: Date;
  /** Its creation: the absolute lifetime counts from here. */
  createdAt: Date;
}

/** Writing lastSeenAt on every request would be a write per read; once a minute is plenty. */
export const TOUCH_INTERVAL_MS = 60_000;

interface SessionRow extends Omit<UserRow, "id"> {
  id: string;
  token_hash: string;
  session_created_at: Date;
  signed_in_at: Date;
  last_seen_at: Date;
  expires_at: Date;
  user_id: string;
}

/** The default absolute lifetime: however active, a session ends 90 days after sign-in. */
export const DEFAULT_SESSION_MAX_AGE_MS = 90 * 86_400_000;

/** Server-side sessions with sliding expiry, within an absolute lifetime. */
export class SessionService {
  private readonly repo: Repository<SessionEntity>;

  /** Concurrent look-ups share one query; see LookupCoalescer for why that stays exact. */
  private readonly lookups = new LookupCoalescer<string, SessionRow>((digests) =>
    this.fetchLive(digests),
  );

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly ttlMs: number,
    private readonly maxAgeMs: number = DEFAULT_SESSION_MAX_AGE_MS,
  ) {
    this.repo = dataSource.getRepository(SessionEntity);
  }

  get ttl(): number {
    return this.ttlMs;
  }

  async start(userId: string, request: RequestInfo, method = "PASSWORD"): Promise<StartedSession> {
    const token = newSessionToken();
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + Math.min(this.ttlMs, this.maxAgeMs));
    // insert, not save: one statement, no transaction wrapped around it.
    const result = await this.repo.insert(
      this.repo.create({
        userId,
        tokenHash: hashToken(token),
        method: method.slice(0, 16),
        createdAt: now,
        signedInAt: now,
        lastSeenAt: now,
        expiresAt,
        userAgent: request.userAgent,
        ipAddress: request.ip ? request.ip.slice(0, 64) : null,
      }),
    );
    return { token, expiresAt, sessionId: String(result.identifiers[0]?.id) };
  }

  /**
   * One indexed query (token hash, joined to the user), shared with whatever look-ups arrived
   * while the previous one ran: an expired session, a missing one or an inactive user gives
   * null, so deactivation and revocation bite on the very next request. The user's role is
   * read fresh every time, so demotion does too.
   */
  async resolve(token: string, request?: RequestInfo): Promise<ResolvedSession | null> {
    if (!looksLikeToken(token)) return null;
    const digest = hashToken(token);
    const row = await this.lookups.load(digest);
    // The index found it by equality; compare again in constant time all the same.
    if (!row || !sameHash(row.token_hash, digest)) return null;
    const now = this.clock.now();
    let expiresAt = new Date(row.expires_at);
    if (now.getTime() - new Date(row.last_seen_at).getTime() >= TOUCH_INTERVAL_MS) {
      expiresAt = this.slidExpiry(now, new Date(row.session_created_at));
      // Requests with the same token in one batch share this row: the first one touches it,
      // the others see it touched and skip the write.
      row.last_seen_at = now;
      row.expires_at = expiresAt;
      await this.touch(row.id, now, expiresAt, request);
    }
    return {
      sessionId: row.id,
      userId: row.user_id,
      username: row.username,
      isSuperuser: row.is_superuser,
      expiresAt,
      signedInAt: new Date(row.signed_in_at),
      user: userFromRow(row, row.user_id),
      lastSeenAt: new Date(row.last_seen_at),
      createdAt: new Date(row.session_created_at),
    };
  }

  /** The expiry a session used at `now` slides to: never past its absolute lifetime. */
  slidExpiry(now: Date, createdAt: Date): Date {
    return new Date(Math.min(now.getTime() + this.ttlMs, createdAt.getTime() + this.maxAgeMs));
  }

  /** The end of a session's life as of now: its expiry, or its absolute lifetime if sooner. */
  liveUntil(s: Pick<ResolvedSession, "expiresAt" | "createdAt">): number {
    return Math.min(s.expiresAt.getTime(), s.createdAt.getTime() + this.maxAgeMs);
  }

  /** Records a use: last_seen_at, the slid expiry, and the address it came from. */
  async touch(id: string, now: Date, expiresAt: Date, request?: RequestInfo): Promise<void> {
    await this.pool().query({
      name: "gatehouse_touch_session",
      text: `UPDATE "sessions" SET "last_seen_at" = $2::timestamptz, "expires_at" = $3::timestamptz,
              "ip_address" = COALESCE($4, "ip_address")
        WHERE "id" = $1 AND "expires_at" > $2::timestamptz`,
      // Not one that ended meanwhile (expires_at set to now() by hand): a touch never revives.
      values: [id, now, expiresAt, request?.ip ? request.ip.slice(0, 64) : null],
    });
  }

  /** Live sessions (unexpired, active user) for a batch of token digests, keyed by digest. */
  private async fetchLive(digests: string[]): Promise<Map<string, SessionRow>> {
    // A named statement: PostgreSQL parses and plans it once per connection, not per request.
    const { rows }: { rows: SessionRow[] } = await this.pool().query({
      name: "gatehouse_resolve_sessions",
      text: `SELECT s."id", s."token_hash", s."created_at" AS "session_created_at", s."signed_in_at", s."last_seen_at", s."expires_at",
              u."id" AS "user_id", u."username", u."username_key", u."email", u."email_verified",
              u."is_active", u."is_superuser", u."password_hash", u."auth_methods",
              u."google_subject", u."created_at", u."updated_at", u."last_login_at",
              u."is_service_account", u."description", u."display_name"
         FROM "sessions" s JOIN "users" u ON u."id" = s."user_id"
        WHERE s."token_hash" = ANY($1::varchar[]) AND s."expires_at" > $2::timestamptz
          AND s."created_at" > $3::timestamptz AND u."is_active"`,
      // The age check too, so a shortened GATEHOUSE_SESSION_MAX_AGE bites on old sessions.
      values: [digests, this.clock.now(), this.oldestAllowed()],
    });
    return new Map(rows.map((r) => [r.token_hash, r]));
  }

  /**
   * The driver's pg pool. The per-request statements go straight to it as named statements;
   * TypeORM's query() cannot name them.
   */
  pool(): import("pg").Pool {
    return (this.dataSource.driver as unknown as { master: import("pg").Pool }).master;
  }

  /** Sessions created before this are over, however active. */
  private oldestAllowed(): Date {
    return new Date(this.clock.now().getTime() - this.maxAgeMs);
  }

  /** The owner proved who they are again (reauthenticate): sensitive operations may follow. */
  async markSignedIn(sessionId: string): Promise<void> {
    await this.repo.update({ id: sessionId }, { signedInAt: this.clock.now() });
  }

  /** Live sessions of one user, most recently used first. */
  listForUser(userId: string): Promise<SessionEntity[]> {
    return this.repo
      .createQueryBuilder("s")
      .where("s.user_id = :userId", { userId })
      .andWhere("s.expires_at > :now", { now: this.clock.now() })
      .andWhere("s.created_at > :oldest", { oldest: this.oldestAllowed() })
      .orderBy("s.last_seen_at", "DESC")
      .addOrderBy("s.id", "ASC")
      .getMany();
  }

  find(id: string): Promise<SessionEntity | null> {
    return this.repo.findOneBy({ id });
  }

  /** True when a session was deleted. */
  async revoke(id: string): Promise<boolean> {
    const res = await this.repo.delete({ id });
    return (res.affected ?? 0) > 0;
  }

  /**
   * Ends session `id` for `viewer`: one of their own, or anyone's for a superuser. Throws
   * NOT_FOUND otherwise. True when it was the viewer's current session (its cookie must go).
   */
  async revokeFor(viewer: Viewer, id: string, request: RequestInfo): Promise<boolean> {
    const session = isUuid(id) ? await this.find(id) : null;
    if (!session || (session.userId !== viewer.userId && !viewer.isSuperuser)) {
      throw noSuchSession();
    }
    if (!(await this.revoke(id))) throw noSuchSession();
    await this.audit.record({
      action: AuditAction.SESSION_REVOKED,
      actorId: viewer.userId,
      targetId: session.userId,
      ip: request.ip,
      detail: `session ${id}`,
    });
    return id === viewer.sessionId;
  }

  /** Ends the viewer's current session, if any. True when a session ended. */
  async signOut(viewer: Viewer | null, request: RequestInfo): Promise<boolean> {
    const sessionId = viewer?.sessionId;
    if (!sessionId) return false;
    const ended = await this.revoke(sessionId);
    if (ended) {
      await this.audit.record({
        action: AuditAction.SIGNED_OUT,
        actorId: viewer?.userId,
        targetId: viewer?.userId,
        ip: request.ip,
      });
    }
    return ended;
  }

  async revokeAllForUser(userId: string): Promise<number> {
    const res = await this.repo.delete({ userId });
    return res.affected ?? 0;
  }

  /** Expired rows are dead weight; a start-up sweep keeps the table small. */
  async pruneExpired(): Promise<number> {
    const res = await this.repo
      .createQueryBuilder()
      .delete()
      .where("expires_at <= :now", { now: this.clock.now() })
      .execute();
    return res.affected ?? 0;
  }
}
