import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from "type-graphql";
import type { Context } from "../../graphql/context.js";
import type { Services } from "../../services.js";
import { VariableType } from "./variable.type.js";

/** Any signed-in user, on their own variables only: the owner is always the viewer. */
@Authorized()
@Resolver(() => VariableType)
export class VariableResolver {
  constructor(private readonly services: Services) {}

  @Query(() => [VariableType], { description: "The signed-in user's own encrypted variables." })
  variables(@Ctx() ctx: Context): Promise<VariableType[]> {
    return this.services.variables.list(ctx.viewer!.userId);
  }

  @Mutation(() => VariableType, {
    description:
      "The signed-in user's own variable; value is stored encrypted with the secret key.",
  })
  setVariable(
    @Arg("name", () => String) name: string,
    @Arg("value", () => String) value: string,
    @Ctx() ctx: Context,
  ): Promise<VariableType> {
    return this.services.variables.set(ctx.viewer!.userId, name, value, ctx.request.ip);
  }

  @Mutation(() => Boolean, {
    description: "Deletes the signed-in user's own variable; false when it did not exist.",
  })
  deleteVariable(@Arg("name", () => String) name: string, @Ctx() ctx: Context): Promise<boolean> {
    return this.services.variables.delete(ctx.viewer!.userId, name, ctx.request.ip);
  }
}
