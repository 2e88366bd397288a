import type { AuditService } from "../audit/audit.service.js";
import type { Metrics } from "../metrics/metrics.js";
import type { AccessDecision } from "./access-policy.js";

export const FORWARD_AUTH_DENIED = "forward_auth.denied";

/** How often counted denials become audit rows. */
export const DENIAL_FLUSH_MS = 60_000;

type Denial = Extract<AccessDecision, { outcome: "deny" }>;

interface Tally {
  app: { id: string; name: string } | null;
  reason: Denial["reason"];
  count: number;
  /** The last denied user, so the row names someone an admin can ask. */
  lastUserId: string;
}

/**
 * Forward auth sits on every request of every app: a denied user's browser retrying (or a
 * misconfigured app polling) must not write one audit row per request. Denials are counted
 * in memory per app and reason and written as one row per pair per minute, with the count;
 * the Prometheus counter is exact.
 */
export class DenialAudit {
  private readonly tallies = new Map<string, Tally>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly audit: AuditService,
    private readonly metrics: Metrics,
    private readonly flushMs = DENIAL_FLUSH_MS,
  ) {}

  denied(decision: Denial, userId: string): void {
    this.metrics.forwardAuthDenied(decision.app?.name ?? "unregistered", decision.reason);
    // Keyed by app id, never by host: unregistered hosts are one bucket, so a client
    // inventing host names cannot grow this map.
    const key = `${decision.app?.id ?? ""}\u0000${decision.reason}`;
    const t = this.tallies.get(key);
    if (t) {
      t.count++;
      t.lastUserId = userId;
    } else {
      this.tallies.set(key, {
        app: decision.app,
        reason: decision.reason,
        count: 1,
        lastUserId: userId,
      });
    }
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.flush().catch(() => undefined), this.flushMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.flush();
  }

  /** Writes one row per app and reason seen since the last flush. */
  async flush(): Promise<void> {
    const batch = [...this.tallies.values()];
    this.tallies.clear();
    for (const t of batch) {
      await this.audit.record({
        action: FORWARD_AUTH_DENIED,
        actorId: t.lastUserId,
        targetId: t.app?.id ?? null,
        detail: `${t.count} denied request${t.count === 1 ? "" : "s"} to ${t.app ? `app "${t.app.name}"` : "an unregistered host"} (${t.reason}); last by this user`,
      });
    }
  }
}
