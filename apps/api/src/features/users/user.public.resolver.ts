import { Ctx, Query, Resolver } from "type-graphql";
import type { Context } from "../../graphql/context.js";
import type { Services } from "../../services.js";
import { sessionCookie } from "../sessions/session-cookie.js";
import { toUserType, UserType } from "./user.type.js";

@Resolver(() => UserType)
export class UserPublicResolver {
  constructor(private readonly services: Services) {}

  /** Public on purpose: anonymous callers get null rather than an error. */
  @Query(() => UserType, { nullable: true, description: "The signed-in user, or null." })
  async me(@Ctx() ctx: Context): Promise<UserType | null> {
    if (!ctx.viewer) return null;
    this.refreshCookie(ctx);
    // The authenticator read the row in this same request; a second query would only repeat it.
    const user = ctx.viewer.user ?? (await this.services.users.findById(ctx.viewer.userId));
    return user ? toUserType(user) : null;
  }

  /**
   * The server slides a session's expiry on use, but a cookie's Max-Age is fixed when it is
   * set. The console asks `me` on every load, so re-issuing the cookie here keeps the browser
   * from dropping a session the server still honours.
   */
  private refreshCookie(ctx: Context): void {
    const { request, viewer } = ctx;
    if (!viewer?.sessionId || request.bearerToken || !request.sessionCookie) return;
    ctx.responseCookies.push(
      sessionCookie(request.sessionCookie, this.services.sessions.ttl, request),
    );
  }
}
