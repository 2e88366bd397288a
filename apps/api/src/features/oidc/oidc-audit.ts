import type { AuditSink } from "../secrets/secrets.service.js";

export const OidcAuditAction = {
  TOKENS_ISSUED: "oidc.tokens_issued",
  REFUSED: "oidc.refused",
  CONSENT_GRANTED: "oidc.consent_granted",
  CONSENT_DENIED: "oidc.consent_denied",
} as const;

const FLUSH_MS = 60_000;

/**
 * Token grants and protocol refusals are frequent: one audit line per (action, client,
 * detail) and minute, with a count, instead of one per request.
 */
export class AggregatedAudit {
  private counts = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly audit: AuditSink) {}

  count(action: string, clientId: string | undefined, detail: string): void {
    const key = JSON.stringify([action, clientId ?? "-", detail]);
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    if (!this.timer) {
      this.timer = setTimeout(() => void this.flush(), FLUSH_MS);
      this.timer.unref();
    }
  }

  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.counts;
    this.counts = new Map();
    for (const [key, n] of batch) {
      const [action, clientId, detail] = JSON.parse(key) as [string, string, string];
      await this.audit
        .record({ action, detail: `client ${clientId}: ${detail} ×${n}` })
        .catch(() => undefined);
    }
  }
}
