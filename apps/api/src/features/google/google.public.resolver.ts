import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import type { Context } from "../../graphql/context.js";
import type { Services } from "../../services.js";
import { completeSignIn } from "../sessions/complete-sign-in.js";
import { AuthPayloadType } from "../sessions/session.type.js";
import { googleDisabled } from "./google.errors.js";

@Resolver()
export class GooglePublicResolver {
  constructor(private readonly services: Services) {}

  @Mutation(() => AuthPayloadType, {
    description:
      "Public. Verifies a Google ID token (audience = GOOGLE_CLIENT_ID) and signs in, linking to the account with the same verified email or creating one.",
  })
  async googleSignIn(
    @Arg("idToken", () => String) idToken: string,
    @Ctx() ctx: Context,
  ): Promise<AuthPayloadType> {
    const google = this.services.googleSignIn;
    if (!google) throw googleDisabled();
    const user = await google.accountFor(idToken, ctx.request.ip);
    return completeSignIn(ctx, user, "GOOGLE");
  }
}
