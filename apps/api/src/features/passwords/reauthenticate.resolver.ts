import { Arg, Authorized, Mutation, Resolver } from "type-graphql";
import { CurrentRequest, CurrentViewer } from "../../graphql/decorators.js";
import type { RequestInfo, Viewer } from "../../http/request.js";
import type { Services } from "../../services.js";
import { refuseApiKey } from "../api-keys/api-key.errors.js";
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
    @CurrentViewer() viewer: Viewer,
    @CurrentRequest() request: RequestInfo,
  ): Promise<Date> {
    refuseApiKey(viewer, "re-authenticate");
    const { passwordSignIn, sessions, audit, clock } = this.services;
    await passwordSignIn.confirmPassword(viewer.userId, password, request.ip, viewer.user);
    // Auto-login has no session to refresh; it never needs a fresh sign-in anyway.
    if (viewer.sessionId) await sessions.markSignedIn(viewer.sessionId);
    await audit.record({
      action: AuditAction.REAUTHENTICATED,
      actorId: viewer.userId,
      targetId: viewer.userId,
      ip: request.ip,
    });
    return clock.now();
  }
}
