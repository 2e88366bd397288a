import pg from "pg";
import { AUTH_CHANGED_CHANNEL, type AuthChangeFeed } from "../../db/auth-changes.js";
import type { Logger } from "../../logger.js";
import type { VerifyCache } from "./verify-cache.js";

/** First wait before reconnecting a lost listener; doubles up to MAX_RETRY_MS. */
const FIRST_RETRY_MS = 200;
const MAX_RETRY_MS = 5_000;
/** How the listener shows up in pg_stat_activity (and how a test finds it). */
export const LISTENER_APPLICATION_NAME = "gatehouse-auth-listener";

export interface AuthListenerOptions {
  /** PostgreSQL's URL; null on the embedded database (no second connection is possible). */
  databaseUrl: string | null;
  feed: AuthChangeFeed | null;
  cache: VerifyCache;
  logger: Logger;
  /** Tests: a fixed wait before each reconnect, so a test can keep the listener down. */
  retryMs?: number;
}

/**
 * Keeps the cache told about every change, and says when it cannot be (then the cache is not
 * used). On PostgreSQL: a connection of its own, outside the pool, LISTENing on the auth
 * channel, reconnected with backoff; other instances and psql are heard through it. On the
 * embedded database: the pool's one connection, which LISTENs from its first statement on
 * (db/auth-changes.ts); every write goes through it, so it hears them all.
 */
export class AuthListener {
  private client: pg.Client | null = null;
  private timer: NodeJS.Timeout | null = null;
  private retryMs = FIRST_RETRY_MS;
  private stopped = false;
  private readonly unsubscribe: (() => void)[] = [];

  constructor(private readonly o: AuthListenerOptions) {}

  async start(): Promise<void> {
    const { feed, cache } = this.o;
    // Without the pool's hook (a caller that built services by hand) nothing is known: no cache.
    if (!feed) return;
    this.unsubscribe.push(feed.onChange((payload) => cache.invalidate(payload)));
    if (this.o.databaseUrl === null) {
      this.unsubscribe.push(feed.onListening((n) => cache.setLive(n > 0)));
      cache.setLive(feed.listening > 0);
      return;
    }
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const u of this.unsubscribe.splice(0)) u();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.o.cache.setLive(false);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => {});
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new pg.Client({
      connectionString: this.o.databaseUrl ?? undefined,
      application_name: LISTENER_APPLICATION_NAME,
      keepAlive: true,
      connectionTimeoutMillis: 5_000,
    });
    let lost = false;
    const onLost = (err?: Error) => {
      if (lost) return;
      lost = true;
      if (this.client === client) this.client = null;
      client.end().catch(() => {});
      if (this.stopped) return;
      // From this moment on, changes may go unheard: stop answering from memory.
      const wasLive = this.o.cache.live;
      this.o.cache.setLive(false);
      // Once per outage, not once per failed reconnect.
      if (wasLive) {
        this.o.logger.warn(
          { err: err?.message },
          "forward auth: lost the auth-change listener; /auth/verify reads the database until it is back",
        );
      }
      this.retry();
    };
    client.on("error", onLost);
    client.on("end", () => onLost());
    client.on("notification", (m) => {
      if (m.channel === AUTH_CHANGED_CHANNEL) this.o.cache.invalidate(m.payload ?? "*");
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${AUTH_CHANGED_CHANNEL}`);
    } catch (err) {
      onLost(err as Error);
      return;
    }
    if (lost || this.stopped) {
      await client.end().catch(() => {});
      return;
    }
    this.client = client;
    const wasDown = this.retryMs !== FIRST_RETRY_MS;
    this.retryMs = FIRST_RETRY_MS;
    // Empty, then trusted: whatever changed while nobody listened is not in memory.
    this.o.cache.setLive(true);
    if (wasDown) this.o.logger.info("forward auth: auth-change listener is back");
  }

  private retry(): void {
    if (this.stopped || this.timer) return;
    const wait = this.o.retryMs ?? this.retryMs;
    this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.connect();
    }, wait);
    // A pending reconnect never keeps the process alive.
    this.timer.unref();
  }
}
