import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import type { Context } from "../../graphql/context.js";
import type { Services } from "../../services.js";
import { RequestMagicLinkPayloadType } from "../magic-links/magic-link.type.js";

/** Public: "Forgot password?" and confirming a new email from its mailbox. */
@Resolver()
export class AccountPublicResolver {
  constructor(private readonly services: Services) {}

  @Mutation(() => RequestMagicLinkPayloadType, {
    description:
      "Public. 'Forgot password?': emails a reset link when the username or email belongs to an account with an email. The same answer either way (no enumeration); limited like requestMagicLink. FEATURE_DISABLED without Resend.",
  })
  async requestPasswordReset(
    @Arg("login", () => String) login: string,
    @Ctx() ctx: Context,
  ): Promise<RequestMagicLinkPayloadType> {
    await this.services.passwordResets.request(login, ctx.request.ip);
    return { accepted: true };
  }

  @Mutation(() => Boolean, {
    description:
      "Public. Confirms an email change with the token from the link sent to the new address; the email is then verified. INVALID_LINK when used, expired or unknown.",
  })
  async confirmEmailChange(
    @Arg("token", () => String) token: string,
    @Ctx() ctx: Context,
  ): Promise<boolean> {
    await this.services.emailChanges.confirm(token, ctx.request.ip);
    return true;
  }
}
