import { Role } from "@gatehouse/shared";
import { Arg, Authorized, ID, Mutation, Resolver } from "type-graphql";
import { notFound } from "../../errors.js";
import { CurrentRequest, CurrentViewer } from "../../graphql/decorators.js";
import type { RequestInfo, Viewer } from "../../http/request.js";
import type { Services } from "../../services.js";
import { AuditAction } from "../audit/audit.service.js";
import { isUuid } from "../users/user.errors.js";

@Authorized(Role.SUPERUSER)
@Resolver()
export class SignInLockResolver {
  constructor(private readonly services: Services) {}

  @Mutation(() => Boolean, {
    description:
      "Superuser only. Clears every sign-in limit and slowdown on this account, from every address. True when there was something to clear.",
  })
  async unlockSignIn(
    @Arg("userId", () => ID) userId: string,
    @CurrentViewer() viewer: Viewer,
    @CurrentRequest() request: RequestInfo,
  ): Promise<boolean> {
    const user = isUuid(userId) ? await this.services.users.findById(userId) : null;
    if (!user) throw notFound("There is no user with that id.");
    const cleared = await this.services.signInThrottle.unlock(user.id);
    await this.services.audit.record({
      action: AuditAction.SIGN_IN_UNLOCKED,
      actorId: viewer.userId,
      targetId: user.id,
      ip: request.ip,
      detail: `${cleared} counter${cleared === 1 ? "" : "s"} cleared`,
    });
    return cleared > 0;
  }
}
