// Why forward auth caches at all: a proxy asks /auth/verify before EVERY request to every
// protected app, and each answer took two database round trips (the session or API key, then
// the app's rule), several times the cost of the rest of the request. Answers are kept in memory
// instead, and stay exact because the database says when one stops being true:
//   - triggers on every table an answer reads notify `gatehouse_auth_changed` with the users
//     concerned (migration 1796000001100), whoever made the change, psql included;
//   - this process's pool connections hear their own writes before those writes return, so
//     on the same instance a revocation bites on the next request (db/auth-changes.ts);
//   - other instances hear it on a dedicated LISTEN connection (auth-listener.ts), typically
//     within milliseconds; while that connection is down the cache is not used at all, and it
//     starts empty once it is back (anything may have changed meanwhile);
//   - an answer read before a change but stored after it is dropped (the generation check);
//   - entries live a few seconds at most, a net under all of the above, and a session is
//     never served past its own expiry.
// Only /auth/verify reads through it: GraphQL, the CLI and OIDC read the database every time.

/** How long an entry may be served without being read again, whatever happens. */
export const CACHE_MAX_AGE_MS = 5_000;
/** Entries per map; the least recently used go first. */
export const CACHE_MAX_ENTRIES = 10_000;

interface Entry<V> {
  value: V;
  /** The user the entry speaks about: a change to that user drops it. */
  userId: string;
  storedAt: number;
}

/** A bounded map in least-recently-used order, with entries findable by user. */
export class Lru<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private readonly byUser = new Map<string, Set<string>>();

  constructor(
    private readonly maxEntries: number,
    private readonly maxAgeMs: number,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: string, now: number): V | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (now - e.storedAt >= this.maxAgeMs) {
      this.delete(key);
      return undefined;
    }
    // Most recently used last: Map keeps insertion order, so the first key is the one to evict.
    this.entries.delete(key);
    this.entries.set(key, e);
    return e.value;
  }

  set(key: string, value: V, userId: string, now: number): void {
    this.delete(key);
    this.entries.set(key, { value, userId, storedAt: now });
    const keys = this.byUser.get(userId);
    if (keys) keys.add(key);
    else this.byUser.set(userId, new Set([key]));
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.delete(oldest);
    }
  }

  delete(key: string): void {
    const e = this.entries.get(key);
    if (!e) return;
    this.entries.delete(key);
    const keys = this.byUser.get(e.userId);
    keys?.delete(key);
    if (keys?.size === 0) this.byUser.delete(e.userId);
  }

  dropUser(userId: string): void {
    for (const key of this.byUser.get(userId) ?? []) this.entries.delete(key);
    this.byUser.delete(userId);
  }

  clear(): void {
    this.entries.clear();
    this.byUser.clear();
  }
}

export interface CacheStats {
  hits: number;
  misses: number;
  /** Look-ups that went to the database because the cache could not be trusted (no listener). */
  bypassed: number;
  /** Notifications applied (each one dropped some or all entries). */
  invalidations: number;
}

/** A fill ticket: the generation a database read started in, or null (do not store). */
export type Ticket = number | null;

/** The two maps (credentials, decisions), whether they may be used, and their invalidation. */
export class VerifyCache {
  /** Resolved sessions and API keys, by "s:"/"k:" and the credential's SHA-256. */
  readonly credentials: Lru<unknown>;
  /** Access decisions, by user, role, key and target. */
  readonly decisions: Lru<unknown>;
  readonly stats: CacheStats = { hits: 0, misses: 0, bypassed: 0, invalidations: 0 };
  /** Bumped by every invalidation: a read that started before one must not be stored. */
  private generation = 0;
  private trusted = false;
  /** Called after each applied notification (tests wait on it instead of sleeping). */
  private readonly watchers = new Set<(payload: string) => void>();

  constructor(
    maxEntries = CACHE_MAX_ENTRIES,
    maxAgeMs = CACHE_MAX_AGE_MS,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.credentials = new Lru(maxEntries, maxAgeMs);
    this.decisions = new Lru(maxEntries, maxAgeMs);
  }

  /** True while every change is known to reach this process (see auth-listener.ts). */
  get live(): boolean {
    return this.trusted;
  }

  /**
   * The listener came up (true) or went down (false). Either way the entries go: what
   * happened while nobody listened is unknown, and nothing stored before now may be served.
   */
  setLive(live: boolean): void {
    this.generation++;
    this.credentials.clear();
    this.decisions.clear();
    this.trusted = live;
  }

  /** A cached value, or undefined (then call begin() before reading the database). */
  lookup<V>(map: Lru<unknown>, key: string): V | undefined {
    if (!this.trusted) {
      this.stats.bypassed++;
      return undefined;
    }
    const v = map.get(key, this.now()) as V | undefined;
    if (v === undefined) this.stats.misses++;
    else this.stats.hits++;
    return v;
  }

  /** Taken before a database read whose result may be stored. */
  begin(): Ticket {
    return this.trusted ? this.generation : null;
  }

  /** Stores a read's result, unless something changed since its ticket was taken. */
  store(map: Lru<unknown>, ticket: Ticket, key: string, value: unknown, userId: string): void {
    if (ticket === null || ticket !== this.generation || !this.trusted) return;
    map.set(key, value, userId, this.now());
  }

  /** A notification's payload: "u:<id>,<id>" (those users' entries) or anything else (all). */
  invalidate(payload: string): void {
    this.generation++;
    this.stats.invalidations++;
    if (payload.startsWith("u:")) {
      for (const id of payload.slice(2).split(",")) {
        this.credentials.dropUser(id);
        this.decisions.dropUser(id);
      }
    } else {
      this.credentials.clear();
      this.decisions.clear();
    }
    for (const fn of this.watchers) fn(payload);
  }

  /** Tests: called with each applied notification's payload. */
  onInvalidate(fn: (payload: string) => void): () => void {
    this.watchers.add(fn);
    return () => this.watchers.delete(fn);
  }
}
