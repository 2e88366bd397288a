import type { Logger } from "../../logger.js";
import type { RateLimitService } from "../rate-limits/rate-limit.service.js";
import type { SessionService } from "./session.service.js";

const HOUR = 3_600_000;

/**
 * Deletes expired sessions and stale rate-limit counters at start-up and then hourly, so a
 * long-running instance does not accumulate dead rows. Every instance may run it: the
 * deletes are idempotent.
 */
export class AccountHousekeeping {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly sessions: SessionService,
    private readonly rateLimits: RateLimitService,
    private readonly logger: Logger,
    private readonly intervalMs = HOUR,
  ) {}

  async runOnce(): Promise<void> {
    const sessions = await this.sessions.pruneExpired();
    const counters = await this.rateLimits.prune();
    if (sessions + counters > 0) this.logger.debug({ sessions, counters }, "pruned expired rows");
  }

  async start(): Promise<void> {
    await this.runOnce();
    this.timer = setInterval(() => {
      this.runOnce().catch((err) => this.logger.warn({ err }, "account housekeeping failed"));
    }, this.intervalMs);
    // Never the reason the process stays alive.
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
