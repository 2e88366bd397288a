import { Arg, Authorized, Ctx, Mutation, Resolver } from "type-graphql";
import type { Context } from "../../graphql/context.js";
import type { Viewer } from "../../http/request.js";
import type { Services } from "../../services.js";
import { AuditAction } from "../audit/audit.service.js";

@Authorized()
@Resolver()
export class ReauthenticateResolver {
  constructor(private readonly services: Services) {}

  @Mutation(() => Date, {
    description:
      "Confirms the signed-in user's password again, so sensitive operations (FRESH_SIGN_IN_REQUIRED) may follow; returns the new sign-in time. Users without a password sign in again instead (magic link or Google). Limited like signIn.",
  })
  async reauthenticate(
    @Arg("password", () => String) password: string,
    @Ctx() ctx: Context,
  ): Promise<Date> {
    const viewer = ctx.viewer as Viewer;
    const { passwordSignIn, sessions, audit, clock } = this.services;
    await passwordSignIn.confirmPassword(viewer.userId, password, ctx.request.ip);
    // Auto-login has no session to refresh; it never needs a fresh sign-in anyway.
    if (viewer.sessionId) await sessions.markSignedIn(viewer.sessionId);
    await audit.record({
      action: AuditAction.REAUTHENTICATED,
      actorId: viewer.userId,
      targetId: viewer.userId,
      ip: ctx.request.ip,
    });
    return clock.now();
  }
}
