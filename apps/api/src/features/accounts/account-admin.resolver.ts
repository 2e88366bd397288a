import { Role } from "@gatehouse/shared";
import { Arg, Authorized, ID, Mutation, Resolver } from "type-graphql";
import { CurrentRequest, CurrentViewer } from "../../graphql/decorators.js";
import type { RequestInfo, Viewer } from "../../http/request.js";
import type { Services } from "../../services.js";
import { inactiveLinkWarning } from "../magic-links/magic-link.errors.js";
import { requireFreshSignIn } from "../sessions/fresh-sign-in.js";
import { toUserType, UserType } from "../users/user.type.js";
import { InvitationType, InviteUserInput, UpdateUserInput } from "./account.input.js";

/** Superuser lifecycle verbs: edit, remove a password, delete, create with a first link. */
@Authorized(Role.SUPERUSER)
@Resolver()
export class AccountAdminResolver {
  constructor(private readonly services: Services) {}

  @Mutation(() => UserType, {
    description:
      "Superuser only. Changes username, email and/or display name (same rules as createUser). Sessions survive a rename; a new email starts unverified and links sent to the old one stop working.",
  })
  async updateUser(
    @Arg("userId", () => ID) userId: string,
    @Arg("input", () => UpdateUserInput) input: UpdateUserInput,
    @CurrentViewer() viewer: Viewer,
    @CurrentRequest() request: RequestInfo,
  ): Promise<UserType> {
    const user = await this.services.userAdmin.update(
      { userId: viewer.userId, ip: request.ip },
      userId,
      { username: input.username, email: input.email, displayName: input.displayName },
    );
    return toUserType(user);
  }

  @Mutation(() => UserType, {
    description:
      "Superuser only; needs a recent sign-in. The user signs in by link or Google afterwards. Refused when that leaves no way in unless force is true; never for the last active superuser.",
  })
  async removePassword(
    @Arg("userId", () => ID) userId: string,
    @Arg("force", () => Boolean, { defaultValue: false }) force: boolean,
    @CurrentViewer() viewer: Viewer,
    @CurrentRequest() request: RequestInfo,
  ): Promise<UserType> {
    this.requireFresh(viewer);
    const user = await this.services.userAdmin.removePassword(
      { userId: viewer.userId, ip: request.ip },
      userId,
      force,
    );
    return toUserType(user);
  }

  @Mutation(() => Boolean, {
    description:
      "Superuser only; needs a recent sign-in. confirmUsername must equal the user's username. Sessions, links, variables and group memberships go too; the audit log keeps the name. Not yourself, not the last active superuser, not the auto-login user while auto-login is on.",
  })
  async deleteUser(
    @Arg("userId", () => ID) userId: string,
    @Arg("confirmUsername", () => String) confirmUsername: string,
    @CurrentViewer() viewer: Viewer,
    @CurrentRequest() request: RequestInfo,
  ): Promise<boolean> {
    this.requireFresh(viewer);
    await this.services.userAdmin.delete(
      { userId: viewer.userId, ip: request.ip },
      userId,
      confirmUsername,
    );
    return true;
  }

  @Mutation(() => InvitationType, {
    description:
      "Superuser only. Creates a user (usually without a password: they sign in by link or Google) and their first sign-in link: returned to hand over, or emailed through Resend with sendEmail.",
  })
  async inviteUser(
    @Arg("input", () => InviteUserInput) input: InviteUserInput,
    @Arg("sendEmail", () => Boolean, { defaultValue: false }) sendEmail: boolean,
    @CurrentViewer() viewer: Viewer,
    @CurrentRequest() request: RequestInfo,
  ): Promise<InvitationType> {
    if (input.isSuperuser) this.requireFresh(viewer);
    const out = await this.services.invitations.invite(
      {
        username: input.username,
        password: input.password ?? null,
        email: input.email ?? null,
        isActive: input.isActive ?? this.services.config.newUserIsActive,
        isSuperuser: input.isSuperuser ?? false,
      },
      { userId: viewer.userId, ip: request.ip },
      sendEmail,
    );
    return {
      user: toUserType(out.user),
      emailed: out.emailed,
      loginUrl: out.link
        ? {
            url: out.link.url,
            expiresAt: out.link.expiresAt,
            warning: inactiveLinkWarning(out.user),
          }
        : null,
    };
  }

  private requireFresh(viewer: Viewer): void {
    requireFreshSignIn(viewer, this.services.clock, this.services.config.freshSignInMs);
  }
}
