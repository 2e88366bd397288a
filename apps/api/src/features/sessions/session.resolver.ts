import { Role } from "@gatehouse/shared";
import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import type { Context } from "../../graphql/context.js";
import { CurrentViewer } from "../../graphql/decorators.js";
import type { Viewer } from "../../http/request.js";
import type { Services } from "../../services.js";
import { isUuid } from "../users/user.errors.js";
import { SessionType, toSessionType } from "./session.type.js";
import { clearSessionCookies } from "./session-cookie.js";

@Authorized()
@Resolver(() => SessionType)
export class SessionResolver {
  constructor(private readonly services: Services) {}

  @Query(() => [SessionType], { description: "The signed-in user's own sessions." })
  async mySessions(@CurrentViewer() viewer: Viewer): Promise<SessionType[]> {
    const rows = await this.services.sessions.listForUser(viewer.userId);
    return rows.map((s) => toSessionType(s, viewer.sessionId));
  }

  @Authorized(Role.SUPERUSER)
  @Query(() => [SessionType], { description: "Superuser only." })
  async sessions(
    @Arg("userId", () => ID) userId: string,
    @CurrentViewer() viewer: Viewer,
  ): Promise<SessionType[]> {
    if (!isUuid(userId)) return [];
    const rows = await this.services.sessions.listForUser(userId);
    return rows.map((s) => toSessionType(s, viewer.sessionId));
  }

  @Mutation(() => Boolean, {
    description: "Superuser only, or the session's own user for their own sessions.",
  })
  async revokeSession(@Arg("id", () => ID) id: string, @Ctx() ctx: Context): Promise<boolean> {
    const viewer = ctx.viewer as Viewer;
    const wasCurrent = await this.services.sessions.revokeFor(viewer, id, ctx.request);
    if (wasCurrent) ctx.responseCookies.push(...clearSessionCookies(ctx.request));
    return true;
  }
}
