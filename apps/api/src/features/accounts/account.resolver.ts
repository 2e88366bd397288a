import { Arg, Authorized, Mutation, Resolver } from "type-graphql";
import { CurrentRequest, CurrentViewer } from "../../graphql/decorators.js";
import type { RequestInfo, Viewer } from "../../http/request.js";
import type { Services } from "../../services.js";
import { requireFreshSignIn } from "../sessions/fresh-sign-in.js";
import { userNotFound } from "../users/user.errors.js";
import { toUserType, UserType } from "../users/user.type.js";

/** A signed-in user's own password, email and profile. */
@Authorized()
@Resolver()
export class AccountResolver {
  constructor(private readonly services: Services) {}

  @Mutation(() => UserType, {
    description:
      "Changes your own password. The current one is checked and counts against the sign-in limits. Other sessions end only when signOutOtherSessions is true.",
  })
  async changePassword(
    @Arg("currentPassword", () => String) currentPassword: string,
    @Arg("newPassword", () => String) newPassword: string,
    @Arg("signOutOtherSessions", () => Boolean, { defaultValue: false }) signOut: boolean,
    @CurrentViewer() viewer: Viewer,
    @CurrentRequest() request: RequestInfo,
  ): Promise<UserType> {
    const { passwordSignIn, passwordChange } = this.services;
    await passwordSignIn.confirmPassword(viewer.userId, currentPassword, request.ip, viewer.user);
    const user = await passwordChange.setPassword(
      { userId: viewer.userId, sessionId: viewer.sessionId, ip: request.ip },
      viewer.userId,
      newPassword,
      { signOutOthers: signOut, how: "own password, changed" },
    );
    return toUserType(user);
  }

  @Mutation(() => UserType, {
    description:
      "Sets your own password without the old one, right after signing in by a link (a reset link, or one an admin handed over): needs a recent sign-in (FRESH_SIGN_IN_REQUIRED). Other sessions end only when signOutOtherSessions is true.",
  })
  async setNewPassword(
    @Arg("newPassword", () => String) newPassword: string,
    @Arg("signOutOtherSessions", () => Boolean, { defaultValue: false }) signOut: boolean,
    @CurrentViewer() viewer: Viewer,
    @CurrentRequest() request: RequestInfo,
  ): Promise<UserType> {
    const { clock, config, passwordChange } = this.services;
    requireFreshSignIn(viewer, clock, config.freshSignInMs);
    const user = await passwordChange.setPassword(
      { userId: viewer.userId, sessionId: viewer.sessionId, ip: request.ip },
      viewer.userId,
      newPassword,
      { signOutOthers: signOut, how: "own password, set after signing in by link" },
    );
    return toUserType(user);
  }

  @Mutation(() => Boolean, {
    description:
      "Asks to change your own email: a link goes to the new address and the change happens when it is opened. Without Resend this is FEATURE_DISABLED: an administrator sets emails (updateUser).",
  })
  async requestEmailChange(
    @Arg("email", () => String) email: string,
    @CurrentViewer() viewer: Viewer,
    @CurrentRequest() request: RequestInfo,
  ): Promise<boolean> {
    await this.services.emailChanges.request(viewer.userId, email, request.ip);
    return true;
  }

  @Mutation(() => UserType, {
    description:
      "Changes your own profile. displayName: the name shown to apps (Remote-Name, OIDC name); trimmed, at most 100 characters, no control characters; an empty string clears it (apps get the username); null or omitted leaves it. An API key may do this for its user, as with requestEmailChange.",
  })
  async updateMyProfile(
    @Arg("displayName", () => String, { nullable: true }) displayName: string | null | undefined,
    @CurrentViewer() viewer: Viewer,
    @CurrentRequest() request: RequestInfo,
  ): Promise<UserType> {
    const actor = { userId: viewer.userId, ip: request.ip };
    const user =
      displayName === null || displayName === undefined
        ? await this.services.users.findById(viewer.userId)
        : await this.services.userAdmin.updateOwnProfile(actor, displayName);
    if (!user) throw userNotFound();
    return toUserType(user);
  }
}
