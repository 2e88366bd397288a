import { Arg, Ctx, Mutation, Query, Resolver } from "type-graphql";
import type { Context } from "../../graphql/context.js";
import type { Services } from "../../services.js";
import { completeSignIn } from "../sessions/complete-sign-in.js";
import { AuthPayloadType } from "../sessions/session.type.js";
import { MagicLinkPreviewType, RequestMagicLinkPayloadType } from "./magic-link.type.js";

/** Public: asking for a link, looking at one, and redeeming it. */
@Resolver()
export class MagicLinkPublicResolver {
  constructor(private readonly services: Services) {}

  @Mutation(() => RequestMagicLinkPayloadType, {
    description:
      "Public. Creates an unverified account for an unknown email (active per NEW_USER_IS_ACTIVE) and issues a single-use link, emailed when Resend is configured.",
  })
  async requestMagicLink(
    @Arg("email", () => String) email: string,
    @Ctx() ctx: Context,
    @Arg("next", () => String, {
      nullable: true,
      description:
        "Where the link should take the browser after sign-in (the sign-in page's `next`): a console path, or an absolute URL on an allowed app host. Anything else is dropped silently.",
    })
    next?: string | null,
  ): Promise<RequestMagicLinkPayloadType> {
    await this.services.magicLinkRequests.request(email, ctx.request.ip, next);
    return { accepted: true };
  }

  @Query(() => MagicLinkPreviewType, {
    description:
      "Public. Who a sign-in link would sign in, without using it (the confirmation page). An unusable token gives INVALID_LINK.",
  })
  async magicLinkPreview(@Arg("token", () => String) token: string): Promise<MagicLinkPreviewType> {
    const preview = await this.services.magicLinks.preview(token);
    const { purpose, ...who } = preview;
    return { ...who, passwordReset: purpose === "reset", appName: this.services.config.appName };
  }

  @Mutation(() => AuthPayloadType, {
    description:
      "Public. Redeems a single-use magic link token: verifies the email and starts a session. A used, expired or unknown token gives an INVALID_LINK error.",
  })
  async redeemLink(
    @Arg("token", () => String) token: string,
    @Ctx() ctx: Context,
  ): Promise<AuthPayloadType> {
    const { user, returnTo } = await this.services.magicLinkRequests.redeem(token, ctx.request.ip);
    return { ...(await completeSignIn(ctx, user, "MAGIC_LINK")), returnTo };
  }
}
