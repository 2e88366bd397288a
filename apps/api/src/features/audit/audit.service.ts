import type { DataSource, Repository, SelectQueryBuilder } from "typeorm";
import { badInput } from "../../errors.js";
import { decodeCursor, encodeCursor, pageSize } from "../../pagination.js";
import { AuditEventEntity } from "./audit.entity.js";

/** Dotted event names; other features add their own (magic_link.redeemed, secret_key.rotated, ...). */
export const AuditAction = {
  SIGNED_IN: "session.signed_in",
  SIGN_IN_FAILED: "session.sign_in_failed",
  SIGNED_OUT: "session.signed_out",
  SESSION_REVOKED: "session.revoked",
  USER_CREATED: "user.created",
  USER_ACTIVATED: "user.activated",
  USER_DEACTIVATED: "user.deactivated",
  SUPERUSER_GRANTED: "user.superuser_granted",
  SUPERUSER_REVOKED: "user.superuser_revoked",
  PASSWORD_CHANGED: "user.password_changed",
  SUPERUSER_BOOTSTRAPPED: "superuser.bootstrapped",
  SUPERUSER_CLI_CREATED: "superuser.created_by_cli",
  SUPERUSER_CLI_PASSWORD: "superuser.password_set_by_cli",
  RATE_LIMITED: "rate_limit.locked",
  SIGN_IN_UNLOCKED: "rate_limit.unlocked",
  REAUTHENTICATED: "session.reauthenticated",
  EXPORTED: "audit.exported",
} as const;

export interface AuditRecord {
  action: string;
  actorId?: string | null;
  targetId?: string | null;
  /**
   * Usernames are looked up from the ids when the row is written; pass one when the user is
   * already gone (a deletion), so the row still names them.
   */
  actorUsername?: string | null;
  targetUsername?: string | null;
  ip?: string | null;
  /** Short, human-readable, never a secret. */
  detail?: string | null;
}

/** Which events to list or export; every field narrows, absent ones do not. */
export interface AuditFilter {
  /** Exactly this action. */
  action?: string | null;
  /** Actions containing this text, any case (e.g. "sign_in", "user."). */
  actionContains?: string | null;
  targetId?: string | null;
  /** A username (any case) or user id: events where that user acted or was the target. */
  user?: string | null;
  /** At or after this instant. */
  since?: Date | null;
  /** Before this instant. */
  until?: Date | null;
}

export interface AuditQuery extends AuditFilter {
  first?: number | null;
  after?: string | null;
}

export interface AuditPage {
  events: AuditEventEntity[];
  hasNextPage: boolean;
  cursorOf(event: AuditEventEntity): string;
  /** Ids among the page's actors and targets that name users who still exist. */
  liveUserIds: ReadonlySet<string>;
}

/** Inside a cursor: the (numeric) event id. */
const cursorOf = (e: AuditEventEntity): string => encodeCursor(String(e.id));
const isEventId = (key: string) => /^\d{1,19}$/.test(key);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const userIdOrNull = (id: string | null | undefined) => (id && UUID.test(id) ? id : null);

const DETAIL_MAX = 500;
const FILTER_TEXT_MAX = 128;
/** Rows per query while exporting: bounded memory however long the trail is. */
const EXPORT_BATCH = 500;

function likeContains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function filterText(value: string | null | undefined, name: string): string | null {
  const v = value?.trim() ?? "";
  if (v.length > FILTER_TEXT_MAX) throw badInput(`${name} is too long.`, name);
  return v === "" ? null : v;
}

/** The append-only security trail. */
export class AuditService {
  private readonly repo: Repository<AuditEventEntity>;

  constructor(private readonly dataSource: DataSource) {
    this.repo = dataSource.getRepository(AuditEventEntity);
  }

  async record(event: AuditRecord): Promise<void> {
    // Usernames are copied in the same statement (a primary-key look-up each), so the row
    // names people even after they are renamed or deleted. Ids that are not user ids
    // (apps, groups, variables) look up nothing.
    await this.dataSource.query(
      `INSERT INTO "audit_events"
         ("action", "actor_id", "actor_username", "target_id", "target_username", "ip_address", "detail")
       VALUES ($1, $2,
         COALESCE($3, (SELECT "username" FROM "users" WHERE "id" = $4::uuid)),
         $5,
         COALESCE($6, (SELECT "username" FROM "users" WHERE "id" = $7::uuid)),
         $8, $9)`,
      [
        event.action.slice(0, 64),
        event.actorId ?? null,
        event.actorUsername?.slice(0, 64) ?? null,
        userIdOrNull(event.actorId),
        event.targetId ?? null,
        event.targetUsername?.slice(0, 64) ?? null,
        userIdOrNull(event.targetId),
        event.ip ? event.ip.slice(0, 64) : null,
        event.detail ? event.detail.slice(0, DETAIL_MAX) : null,
      ],
    );
  }

  /** Newest first; `after` is the cursor of the last event of the previous page. */
  async list(q: AuditQuery): Promise<AuditPage> {
    const after = q.after ? decodeCursor(q.after, isEventId) : null;
    const first = pageSize(q.first);
    const qb = this.filtered(q).limit(first + 1);
    if (after) qb.andWhere("e.id < :after", { after });
    const rows = await qb.getMany();
    const events = rows.slice(0, first);
    const liveUserIds = await this.liveUsers(events);
    return { events, hasNextPage: rows.length > first, cursorOf, liveUserIds };
  }

  /** Every matching event, newest first, in bounded batches (the CSV export). */
  async *all(filter: AuditFilter): AsyncGenerator<AuditEventEntity[]> {
    let before: string | null = null;
    for (;;) {
      const qb = this.filtered(filter).limit(EXPORT_BATCH);
      if (before) qb.andWhere("e.id < :before", { before });
      const rows = await qb.getMany();
      if (rows.length === 0) return;
      yield rows;
      if (rows.length < EXPORT_BATCH) return;
      before = String(rows[rows.length - 1]!.id);
    }
  }

  private filtered(f: AuditFilter): SelectQueryBuilder<AuditEventEntity> {
    const qb = this.repo.createQueryBuilder("e").orderBy("e.id", "DESC");
    const contains = filterText(f.actionContains, "actionContains");
    const user = filterText(f.user, "user");
    if (f.action) qb.andWhere("e.action = :action", { action: f.action });
    if (contains)
      qb.andWhere("e.action ILIKE :contains ESCAPE '\\'", { contains: likeContains(contains) });
    if (f.targetId) qb.andWhere("e.target_id = :targetId", { targetId: f.targetId });
    if (user) {
      qb.andWhere(
        `(e.actor_id = :user OR e.target_id = :user
          OR lower(e.actor_username) = lower(:user) OR lower(e.target_username) = lower(:user))`,
        { user },
      );
    }
    if (f.since) qb.andWhere("e.at >= :since", { since: f.since });
    if (f.until) qb.andWhere("e.at < :until", { until: f.until });
    return qb;
  }

  /**
   * Which of the page's user ids still name a user, so the console links only to pages that
   * exist. One primary-key read of the users table (a snapshot is not enough: a user deleted
   * since the row was written has no page).
   */
  private async liveUsers(events: AuditEventEntity[]): Promise<ReadonlySet<string>> {
    const ids = new Set<string>();
    for (const e of events) {
      const a = userIdOrNull(e.actorId);
      const t = userIdOrNull(e.targetId);
      if (a) ids.add(a.toLowerCase());
      if (t) ids.add(t.toLowerCase());
    }
    if (ids.size === 0) return new Set();
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT "id"::text AS "id" FROM "users" WHERE "id" = ANY($1::uuid[])`,
      [[...ids]],
    );
    return new Set(rows.map((r) => r.id));
  }
}
