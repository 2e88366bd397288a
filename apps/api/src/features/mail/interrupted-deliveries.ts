import type { DataSource } from "typeorm";
import type { Clock } from "../../clock.js";
import type { Logger } from "../../logger.js";
import type { AuditSink } from "../secrets/secrets.service.js";
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from "./mail.types.js";

/** Stored on a settled link and shown to superusers; says what is known and what to do. */
export const INTERRUPTED_REASON =
  "interrupted: the server stopped while sending this email; it may or may not have arrived. If the user has no link, issue a new one.";

/** The audit action of a delivery that failed (magic-link-requests.service.ts). */
export const INTERRUPTED_AUDIT_ACTION = "magic_link.delivery_failed";

/** The longest one send can take: every attempt timing out, plus the pauses between them. */
export function longestSendMs(policy: RetryPolicy = DEFAULT_RETRY_POLICY): number {
  let pauses = 0;
  for (let attempt = 2; attempt <= policy.attempts; attempt++) {
    pauses += policy.baseDelayMs * 3 ** (attempt - 2);
  }
  return policy.attempts * policy.timeoutMs + pauses;
}

/**
 * A link waits in "pending" only while some process is sending it (the send starts right
 * after the link is issued, and ends in sent or failed even on shutdown). Instances share
 * the database, so a pending row may belong to a live one: only rows issued longer ago than
 * any send can last, with room for clock skew between hosts, are left over from a process
 * that died.
 */
export const INTERRUPTED_AFTER_MS = Math.max(10 * 60_000, 10 * longestSendMs());

/**
 * Start-up task: marks links whose mail was in flight when their process died as
 * "interrupted", so they do not look as if they were still being sent, forever.
 */
export async function settleInterruptedDeliveries(deps: {
  dataSource: DataSource;
  clock: Clock;
  logger: Logger;
  audit?: AuditSink;
}): Promise<number> {
  const now = deps.clock.now();
  const cutoff = new Date(now.getTime() - INTERRUPTED_AFTER_MS);
  // TypeORM answers an UPDATE ... RETURNING with [rows, affected count].
  const [rows] = (await deps.dataSource.query(
    `UPDATE "magic_links"
        SET "delivery" = 'interrupted', "delivery_error" = $1, "delivery_updated_at" = $2
      WHERE "delivery" = 'pending' AND "created_at" < $3
      RETURNING "id", "user_id"`,
    [INTERRUPTED_REASON, now, cutoff],
  )) as [{ id: string; user_id: string }[], number];
  // Beside the sent and failed outcomes the sending process would have recorded.
  for (const row of rows) {
    await deps.audit?.record({
      action: INTERRUPTED_AUDIT_ACTION,
      targetId: row.user_id,
      detail: "sign-in mail interrupted: the sending process stopped before Resend answered",
    });
  }
  if (rows.length > 0) {
    deps.logger.warn(
      { links: rows.length },
      "sign-in mail was still being sent when an earlier process stopped; those links are marked interrupted",
    );
  }
  return rows.length;
}
