import type { Clock } from "../../clock.js";
import type { RequestInfo, Viewer } from "../../http/request.js";
import type { Logger } from "../../logger.js";
import type { ApiKeyService, ResolvedApiKey } from "../api-keys/api-key.service.js";
import { looksLikeApiKey } from "../api-keys/api-key-token.js";
import type { ApiKeyResolver, SessionResolver } from "../sessions/authenticator.js";
import {
  type ResolvedSession,
  type SessionService,
  TOUCH_INTERVAL_MS,
} from "../sessions/session.service.js";
import { hashToken, looksLikeToken } from "../sessions/session-token.js";
import type { AccessDecision, AccessPolicy, AppTarget } from "./access-policy.js";
import type { VerifyCache } from "./verify-cache.js";

// The cache's three read-throughs, one per thing /auth/verify looks up (see verify-cache.ts for
// why they stay exact). Each keeps its source's rules that depend on the clock (expiry, the
// once-a-minute touch) on every hit; everything else a change could alter is the triggers' job.

/** Sessions by token hash; expiry checked in memory on every hit, the touch still written. */
export class CachedSessions implements SessionResolver {
  constructor(
    private readonly cache: VerifyCache,
    private readonly sessions: SessionService,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  async resolve(token: string, request?: RequestInfo): Promise<ResolvedSession | null> {
    if (!looksLikeToken(token)) return null;
    const key = `s:${hashToken(token)}`;
    const now = this.clock.now();
    const hit = this.cache.lookup<ResolvedSession>(this.cache.credentials, key);
    if (hit) {
      if (now.getTime() < this.sessions.liveUntil(hit)) {
        this.touchIfDue(hit, now, request);
        return hit;
      }
      // Expired or past its lifetime: the database decides (it will say no).
      this.cache.credentials.delete(key);
    }
    const ticket = this.cache.begin();
    const session = await this.sessions.resolve(token, request);
    if (session) this.cache.store(this.cache.credentials, ticket, key, session, session.userId);
    return session;
  }

  /** Sliding expiry as SessionService.resolve does it, written without holding up the answer. */
  private touchIfDue(s: ResolvedSession, now: Date, request?: RequestInfo): void {
    if (now.getTime() - s.lastSeenAt.getTime() < TOUCH_INTERVAL_MS) return;
    s.lastSeenAt = now;
    s.expiresAt = this.sessions.slidExpiry(now, s.createdAt);
    this.sessions.touch(s.sessionId, now, s.expiresAt, request).catch((err: unknown) => {
      this.logger.warn({ err: (err as Error).message }, "forward auth: session touch failed");
    });
  }
}

/** API keys by key hash; expiry checked in memory, last_used_at still written once a minute. */
export class CachedApiKeys implements ApiKeyResolver {
  constructor(
    private readonly cache: VerifyCache,
    private readonly keys: ApiKeyService,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  async resolve(key: string): Promise<ResolvedApiKey | null> {
    if (!looksLikeApiKey(key)) return null;
    const cacheKey = `k:${hashToken(key)}`;
    const now = this.clock.now();
    const hit = this.cache.lookup<ResolvedApiKey>(this.cache.credentials, cacheKey);
    if (hit) {
      if (!hit.expiresAt || now.getTime() < hit.expiresAt.getTime()) {
        this.touchIfDue(hit, now);
        return hit;
      }
      this.cache.credentials.delete(cacheKey);
    }
    const ticket = this.cache.begin();
    const resolved = await this.keys.resolve(key);
    if (resolved) {
      this.cache.store(this.cache.credentials, ticket, cacheKey, resolved, resolved.user.id);
    }
    return resolved;
  }

  private touchIfDue(k: ResolvedApiKey, now: Date): void {
    if (now.getTime() - (k.lastUsedAt?.getTime() ?? 0) < TOUCH_INTERVAL_MS) return;
    k.lastUsedAt = now;
    this.keys.touch(k.id, now).catch((err: unknown) => {
      this.logger.warn({ err: (err as Error).message }, "forward auth: API key touch failed");
    });
  }
}

/**
 * Decisions by everything decide() reads from the viewer (user, role, API key: a key's scope
 * never changes without a notification for its user) and the target.
 */
export class CachedAccessPolicy implements AccessPolicy {
  constructor(
    private readonly cache: VerifyCache,
    private readonly inner: AccessPolicy,
  ) {}

  async decide(viewer: Viewer, target: AppTarget): Promise<AccessDecision> {
    const key = `${viewer.userId} ${viewer.isSuperuser ? 1 : 0} ${viewer.apiKey?.id ?? "-"} ${target.hostname}:${target.port ?? ""}`;
    const hit = this.cache.lookup<AccessDecision>(this.cache.decisions, key);
    if (hit) return hit;
    const ticket = this.cache.begin();
    const decision = await this.inner.decide(viewer, target);
    this.cache.store(this.cache.decisions, ticket, key, decision, viewer.userId);
    return decision;
  }
}
