import { ErrorCode } from "@gatehouse/shared";
import { AppError } from "../../errors.js";
import type { RequestInfo, Viewer } from "../../http/request.js";
import type { ResolvedApiKey } from "../api-keys/api-key.service.js";
import type { UserService } from "../users/user.service.js";
import type { ResolvedSession } from "./session.service.js";

/** Where session tokens are looked up: SessionService, or forward auth's cache in front of it. */
export interface SessionResolver {
  resolve(token: string, request?: RequestInfo): Promise<ResolvedSession | null>;
}

/** Where API keys are looked up: ApiKeyService, or forward auth's cache in front of it. */
export interface ApiKeyResolver {
  resolve(key: string): Promise<ResolvedApiKey | null>;
}

/** The username auto-login mode acts as. */
export const DEFAULT_USERNAME = "default";

/** Thrown for a request with two session cookies; the HTTP layer answers 400. */
export class DuplicateSessionCookieError extends AppError {
  constructor() {
    super(
      ErrorCode.DUPLICATE_SESSION_COOKIE,
      "This request carries two Gatehouse session cookies, which happens when another site under the same domain plants one (cookie tossing). Clear this site's cookies in your browser and sign in again.",
    );
  }
}

/**
 * Turns a request into a viewer, in the contract's order: an API key (X-API-Key, or a Bearer
 * value with the key prefix), then a Bearer session token, then the session
 * cookie, then (auto-login mode only, and only for requests that started on this machine)
 * the default superuser.
 */
export class SessionAuthenticator {
  constructor(
    private readonly sessions: SessionResolver,
    private readonly users: Pick<UserService, "findByUsername">,
    private readonly autoLogin: boolean,
    private readonly apiKeys: ApiKeyResolver,
  ) {}

  async authenticate(request: RequestInfo): Promise<Viewer | null> {
    // A presented key is an explicit claim like a Bearer token: bad means anonymous.
    if (request.apiKey) return this.fromApiKey(request.apiKey);
    // A presented Bearer token is an explicit claim: if it is bad the caller is anonymous,
    // never silently someone else.
    if (request.bearerToken) return this.fromToken(request.bearerToken, request);
    // Which cookie the browser would pick is up to it; an attacker's planted one must not win.
    if (request.sessionCookieConflict) throw new DuplicateSessionCookieError();
    if (request.sessionCookie) {
      const viewer = await this.fromToken(request.sessionCookie, request);
      if (viewer) return viewer;
      // A stale cookie is ambient browser state, not a claim; fall through.
    }
    // Proxied, tunnelled or remote requests are anonymous, as in team mode.
    if (!this.autoLogin || request.autoLoginAllowed !== true) return null;
    const user = await this.users.findByUsername(DEFAULT_USERNAME);
    if (!user?.isActive) return null;
    return {
      userId: user.id,
      username: user.username,
      isSuperuser: user.isSuperuser,
      sessionId: null,
      autoLogin: true,
      user,
    };
  }

  private async fromApiKey(key: string): Promise<Viewer | null> {
    const k = await this.apiKeys.resolve(key);
    if (!k) return null;
    return {
      userId: k.user.id,
      username: k.user.username,
      isSuperuser: k.user.isSuperuser,
      sessionId: null,
      signedInAt: null,
      autoLogin: false,
      user: k.user,
      apiKey: { id: k.id, appIds: k.appIds, groupIds: k.groupIds },
    };
  }

  private async fromToken(token: string, request: RequestInfo): Promise<Viewer | null> {
    const s = await this.sessions.resolve(token, request);
    if (!s) return null;
    return {
      userId: s.userId,
      username: s.username,
      isSuperuser: s.isSuperuser,
      sessionId: s.sessionId,
      signedInAt: s.signedInAt,
      autoLogin: false,
      user: s.user,
    };
  }
}
