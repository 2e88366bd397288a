import { Ctx, Query, Resolver } from "type-graphql";
import type { Context } from "../../graphql/context.js";
import type { Services } from "../../services.js";
import { toUserType, UserType } from "./user.type.js";

@Resolver(() => UserType)
export class UserPublicResolver {
  constructor(private readonly services: Services) {}

  /** Public on purpose: anonymous callers get null rather than an error. */
  @Query(() => UserType, { nullable: true, description: "The signed-in user, or null." })
  async me(@Ctx() ctx: Context): Promise<UserType | null> {
    if (!ctx.viewer) return null;
    const user = await this.services.users.findById(ctx.viewer.userId);
    return user ? toUserType(user) : null;
  }
}
