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
      "Public. Verifies a Google ID token (audience = GOOGLE_CLIENT_ID; each token works once) and signs in: the account linked to that Google account, else a new one for an unknown email. An existing account with the same email is linked only when its email is verified, it is not a superuser and Google manages the address (Gmail, or the token's hd domain); otherwise LINK_REQUIRED.",
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
