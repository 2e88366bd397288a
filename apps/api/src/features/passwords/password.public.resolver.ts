import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import type { Context } from "../../graphql/context.js";
import type { Services } from "../../services.js";
import { completeSignIn } from "../sessions/complete-sign-in.js";
import { AuthPayloadType } from "../sessions/session.type.js";

@Resolver()
export class PasswordPublicResolver {
  constructor(private readonly services: Services) {}

  @Mutation(() => AuthPayloadType, {
    description: "Username (or email) and password. Inactive users get an ACCOUNT_INACTIVE error.",
  })
  async signIn(
    @Arg("username", () => String) username: string,
    @Arg("password", () => String) password: string,
    @Ctx() ctx: Context,
    @Arg("next", () => String, {
      nullable: true,
      description:
        "The sign-in page's `next`: returned as `returnTo` when it is a console path or a URL on an allowed app host, else dropped.",
    })
    next?: string | null,
  ): Promise<AuthPayloadType> {
    const user = await this.services.passwordSignIn.verifyCredentials(
      username,
      password,
      ctx.request.ip,
    );
    const payload = await completeSignIn(ctx, user, "PASSWORD");
    return { ...payload, returnTo: await this.services.returnTo.allowed(next) };
  }
}
