import { Role } from "@gatehouse/shared";
import { Arg, Authorized, FieldResolver, ID, Mutation, Resolver, Root } from "type-graphql";
import { CurrentRequest, CurrentViewer } from "../../graphql/decorators.js";
import type { RequestInfo, Viewer } from "../../http/request.js";
import type { Services } from "../../services.js";
import { refuseApiKey } from "../api-keys/api-key.errors.js";
import { UserType } from "../users/user.type.js";
import { inactiveLinkWarning } from "./magic-link.errors.js";
import { LoginUrlType, MagicLinkStatusType, toMagicLinkStatus } from "./magic-link.type.js";

/** Superuser side: the "Get email login URL" action and each user's latest link status. */
@Authorized(Role.SUPERUSER)
@Resolver(() => UserType)
export class MagicLinkAdminResolver {
  constructor(private readonly services: Services) {}

  @Mutation(() => LoginUrlType, {
    description:
      "Superuser only. The 'Get email login URL' action: a fresh single-use magic link for that user.",
  })
  async emailLoginUrl(
    @Arg("userId", () => ID) userId: string,
    @CurrentViewer() viewer: Viewer,
    @CurrentRequest() request: RequestInfo,
    @Arg("next", () => String, {
      nullable: true,
      description:
        "Where the link takes the browser after sign-in (an allowed absolute URL or a console path; BAD_USER_INPUT otherwise). Without it, the link inherits the destination of the user's own pending link request.",
    })
    next?: string | null,
  ): Promise<LoginUrlType> {
    // A sign-in link is a session in waiting: a key must not mint one and outgrow itself.
    refuseApiKey(viewer, "issue sign-in links");
    const { link, user } = await this.services.magicLinkRequests.issueForAdmin(
      userId,
      { userId: viewer.userId },
      request.ip,
      next,
    );
    return { url: link.url, expiresAt: link.expiresAt, warning: inactiveLinkWarning(user) };
  }

  @FieldResolver(() => MagicLinkStatusType, {
    nullable: true,
    description:
      "Superuser only. The user's newest sign-in link and its delivery status (sent, failed with reason, manual); null if none was ever issued.",
  })
  async latestMagicLink(@Root() user: UserType): Promise<MagicLinkStatusType | null> {
    const latest = await this.services.magicLinks.latestFor(user.id);
    return latest ? toMagicLinkStatus(latest) : null;
  }
}
