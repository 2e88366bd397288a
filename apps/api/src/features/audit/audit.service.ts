import type { DataSource, Repository } from "typeorm";
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
} as const;

export interface AuditRecord {
  action: string;
  actorId?: string | null;
  targetId?: string | null;
  ip?: string | null;
  /** Short, human-readable, never a secret. */
  detail?: string | null;
}

export interface AuditQuery {
  first?: number | null;
  after?: string | null;
  action?: string | null;
  targetId?: string | null;
}

export interface AuditPage {
  events: AuditEventEntity[];
  hasNextPage: boolean;
  cursorOf(event: AuditEventEntity): string;
}

/** Inside a cursor: the (numeric) event id. */
const cursorOf = (e: AuditEventEntity): string => encodeCursor(String(e.id));
const isEventId = (key: string) => /^\d{1,19}$/.test(key);

const DETAIL_MAX = 500;

/** The append-only security trail. */
export class AuditService {
  private readonly repo: Repository<AuditEventEntity>;

  constructor(dataSource: DataSource) {
    this.repo = dataSource.getRepository(AuditEventEntity);
  }

  async record(event: AuditRecord): Promise<void> {
    await this.repo.insert({
      action: event.action.slice(0, 64),
      actorId: event.actorId ?? null,
      targetId: event.targetId ?? null,
      ipAddress: event.ip ? event.ip.slice(0, 64) : null,
      detail: event.detail ? event.detail.slice(0, DETAIL_MAX) : null,
    });
  }

  /** Newest first; `after` is the cursor of the last event of the previous page. */
  async list(q: AuditQuery): Promise<AuditPage> {
    const after = q.after ? decodeCursor(q.after, isEventId) : null;
    const first = pageSize(q.first);
    const qb = this.repo
      .createQueryBuilder("e")
      .orderBy("e.id", "DESC")
      .limit(first + 1);
    if (after) qb.andWhere("e.id < :after", { after });
    if (q.action) qb.andWhere("e.action = :action", { action: q.action });
    if (q.targetId) qb.andWhere("e.target_id = :targetId", { targetId: q.targetId });
    const rows = await qb.getMany();
    return { events: rows.slice(0, first), hasNextPage: rows.length > first, cursorOf };
  }
}
