import { Ctx, Mutation, Resolver } from "type-graphql";
import type { Context } from "../../graphql/context.js";
import type { Services } from "../../services.js";
import { clearSessionCookies } from "./session-cookie.js";

@Resolver()
export class SessionPublicResolver {
  constructor(private readonly services: Services) {}

  /**
   * Public so a browser holding a dead cookie can still clear it. True when a session ended;
   * false when there was none (anonymous, or auto-login without a session).
   */
  @Mutation(() => Boolean, { description: "Ends the current session and clears the cookie." })
  async signOut(@Ctx() ctx: Context): Promise<boolean> {
    ctx.responseCookies.push(...clearSessionCookies(ctx.request));
    return this.services.sessions.signOut(ctx.viewer ?? null, ctx.request);
  }
}
