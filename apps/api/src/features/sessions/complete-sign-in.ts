import type { Context } from "../../graphql/context.js";
import { AuditAction } from "../audit/audit.service.js";
import type { AuthMethodName, UserEntity } from "../users/user.entity.js";
import { toUserType } from "../users/user.type.js";
import type { AuthPayloadType } from "./session.type.js";
import { sessionCookie } from "./session-cookie.js";

/**
 * The one way every sign-in method (password, magic link, Google) ends: call it once the
 * credential is proven. It refuses inactive users (ACCOUNT_INACTIVE), starts a session, sets
 * the console's HttpOnly cookie, stamps last_login_at, remembers the method and audits.
 */
export async function completeSignIn(
  ctx: Context,
  user: UserEntity,
  method: AuthMethodName,
): Promise<AuthPayloadType> {
  const { users, sessions, audit } = ctx.services;
  users.assertCanSignIn(user);
  const started = await sessions.start(user.id, ctx.request, method);
  ctx.responseCookies.push(
    sessionCookie(started.token, sessions.ttl, { secure: ctx.request.secure }),
  );
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
