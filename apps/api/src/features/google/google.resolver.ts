import { ErrorCode } from "@gatehouse/shared";
import { Authorized, Ctx, Field, Mutation, ObjectType, Resolver } from "type-graphql";
import { AppError } from "../../errors.js";
import type { Context } from "../../graphql/context.js";
import { CurrentRequest, CurrentViewer } from "../../graphql/decorators.js";
import type { RequestInfo, Viewer } from "../../http/request.js";
import type { Services } from "../../services.js";
import { refuseApiKey } from "../api-keys/api-key.errors.js";
import { toUserType, UserType } from "../users/user.type.js";
import { googleDisabled } from "./google.errors.js";
import { authorizeUrl, flowCookie } from "./google.routes.js";
import { OAUTH_STATE_TTL_MS } from "./oauth-state.service.js";

@ObjectType("GoogleLinkStart")
export class GoogleLinkStartType {
  @Field(() => String, { description: "Send the browser here (Google's consent screen)." })
  url!: string;
}

/** My account → Link Google / Unlink Google: the signed-in user's own account only. */
@Authorized()
@Resolver()
export class GoogleResolver {
  constructor(private readonly services: Services) {}

  @Mutation(() => GoogleLinkStartType, {
    description:
      "Starts linking a Google account to the signed-in user's own account: sets the flow cookie and returns Google's consent URL. The callback links that Google account, unless it belongs to someone else. Needs a session (not auto-login) and the redirect flow (GOOGLE_CLIENT_SECRET).",
  })
  async startGoogleLink(@Ctx() ctx: Context): Promise<GoogleLinkStartType> {
    const flows = this.services.googleFlows;
    if (!this.services.config.google?.clientSecret || !flows) throw googleDisabled();
    const viewer = ctx.viewer as Viewer;
    refuseApiKey(viewer, "link sign-in methods");
    if (!viewer.sessionId) {
      throw new AppError(
        ErrorCode.FORBIDDEN,
        "Linking Google needs a signed-in session; auto-login mode has none.",
      );
    }
    const flow = await flows.start("/account", {
      userId: viewer.userId,
      sessionId: viewer.sessionId,
    });
    ctx.responseCookies.push(
      flowCookie(flow.browserSecret, OAUTH_STATE_TTL_MS, ctx.request.secure),
    );
    return { url: authorizeUrl(this.services, flow) };
  }

  @Mutation(() => UserType, {
    description:
      "Removes the Google link from the signed-in user's own account (refused when Google is its only way in).",
  })
  async unlinkGoogle(
    @CurrentViewer() viewer: Viewer,
    @CurrentRequest() request: RequestInfo,
  ): Promise<UserType> {
    refuseApiKey(viewer, "change sign-in methods");
    const links = this.services.googleLinks;
    if (!links) throw googleDisabled();
    const user = await links.unlink(viewer.userId, request.ip);
    return toUserType(user);
  }
}
