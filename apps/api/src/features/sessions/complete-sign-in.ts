import type { RequestInfo } from "../../http/request.js";
import { AuditAction, type AuditService } from "../audit/audit.service.js";
import type { AuthMethodName, UserEntity } from "../users/user.entity.js";
import type { UserService } from "../users/user.service.js";
import { toUserType } from "../users/user.type.js";
import type { SessionService } from "./session.service.js";
import type { AuthPayloadType } from "./session.type.js";
import { sessionCookie } from "./session-cookie.js";

/**
 * What finishing a sign-in needs from its caller: a GraphQL Context fits, and so does a
 * plain route's own (the Google callback), without this module importing graphql/.
 */
export interface SignInContext {
  services: { users: UserService; sessions: SessionService; audit: AuditService };
  request: RequestInfo;
  /** Set-Cookie headers the caller sends with its response. */
  responseCookies: string[];
}

/**
 * The one way every sign-in method (password, magic link, Google) ends: call it once the
 * credential is proven. It refuses inactive users (ACCOUNT_INACTIVE), starts a session, sets
 * the console's HttpOnly cookie, stamps last_login_at, remembers the method and audits.
 */
export async function completeSignIn(
  ctx: SignInContext,
  user: UserEntity,
  method: AuthMethodName,
): Promise<AuthPayloadType> {
  const { users, sessions, audit } = ctx.services;
  users.assertCanSignIn(user);
  const started = await sessions.start(user.id, ctx.request, method);
  ctx.responseCookies.push(sessionCookie(started.token, sessions.ttl, ctx.request));
  const fresh = await users.recordSignIn(user.id, method);
  await audit.record({
    action: AuditAction.SIGNED_IN,
    actorId: user.id,
    targetId: user.id,
    ip: ctx.request.ip,
    detail: `method ${method}`,
  });
  return { user: toUserType(fresh), token: started.token, expiresAt: started.expiresAt };
}
