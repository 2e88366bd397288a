import type { Clock } from "../../clock.js";
import type { Config } from "../../config/config.js";
import type { AuthChangeFeed } from "../../db/auth-changes.js";
import type { Authenticator } from "../../http/request.js";
import type { Logger } from "../../logger.js";
import type { ApiKeyService } from "../api-keys/api-key.service.js";
import { SessionAuthenticator } from "../sessions/authenticator.js";
import type { SessionService } from "../sessions/session.service.js";
import type { UserService } from "../users/user.service.js";
import type { AccessPolicy } from "./access-policy.js";
import { AuthListener } from "./auth-listener.js";
import { CachedAccessPolicy, CachedApiKeys, CachedSessions } from "./cached-auth.js";
import { VerifyCache } from "./verify-cache.js";

/** What /auth/verify reads through: the same rules as everywhere, answered from memory. */
export interface VerifyReaders {
  /** The cache itself (its stats and invalidation, for tests and operators). */
  cache: VerifyCache;
  /** Keeps the cache told of every change (start-up and shutdown tasks). */
  listener: AuthListener;
  auth: Authenticator;
  access: AccessPolicy;
}

export interface VerifyReaderDeps {
  config: Config;
  logger: Logger;
  clock: Clock;
  /** The pool's change feed (db/auth-changes.ts); without it the cache is never used. */
  authChanges?: AuthChangeFeed;
  sessions: SessionService;
  apiKeys: ApiKeyService;
  users: UserService;
  /** The uncached policy (features/apps), asked on a miss. */
  access: AccessPolicy;
  /** Tests: a fixed wait before the listener reconnects. */
  listenerRetryMs?: number;
}

export function buildVerifyReaders(d: VerifyReaderDeps): VerifyReaders {
  const cache = new VerifyCache();
  const listener = new AuthListener({
    databaseUrl: d.config.databaseUrl ?? null,
    feed: d.authChanges ?? null,
    cache,
    logger: d.logger,
    retryMs: d.listenerRetryMs,
  });
  // The same authenticator as GraphQL's (same order of credentials, same refusals), reading
  // sessions and keys through the cache. Auto-login never applies to /auth/verify.
  const auth = new SessionAuthenticator(
    new CachedSessions(cache, d.sessions, d.clock, d.logger),
    d.users,
    d.config.autoLogin,
    new CachedApiKeys(cache, d.apiKeys, d.clock, d.logger),
  );
  return { cache, listener, auth, access: new CachedAccessPolicy(cache, d.access) };
}
