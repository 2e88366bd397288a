import { Arg, Authorized, ID, Mutation, Resolver } from "type-graphql";
import { AppError, ErrorCode } from "../../errors.js";
import { CurrentRequest, CurrentViewer } from "../../graphql/decorators.js";
import type { RequestInfo, Viewer } from "../../http/request.js";
import type { Services } from "../../services.js";
import { refuseApiKey } from "../api-keys/api-key.errors.js";
import { requireFreshSignIn } from "../sessions/fresh-sign-in.js";
import { toUserType, UserType } from "../users/user.type.js";

@Authorized()
@Resolver()
export class PasswordResolver {
  constructor(private readonly services: Services) {}

  @Mutation(() => UserType, {
    description:
      "Sets a user's password: superusers for anyone, others for themselves. Needs a recent sign-in (FRESH_SIGN_IN_REQUIRED; see reauthenticate). Common or easily guessed passwords are refused; a superuser's needs 12 characters. Ends the user's other sessions.",
  })
  async setPassword(
    @Arg("userId", () => ID) userId: string,
    @Arg("password", () => String) password: string,
    @CurrentViewer() viewer: Viewer,
    @CurrentRequest() request: RequestInfo,
  ): Promise<UserType> {
    refuseApiKey(viewer, "set or change passwords");
    if (userId !== viewer.userId && !viewer.isSuperuser) {
      throw new AppError(ErrorCode.FORBIDDEN, "Only a superuser can set another user's password.");
    }
    const { clock, config, passwordChange } = this.services;
    requireFreshSignIn(viewer, clock, config.freshSignInMs);
    const user = await passwordChange.setPassword(
      { userId: viewer.userId, sessionId: viewer.sessionId, ip: request.ip },
      userId,
      password,
    );
    return toUserType(user);
  }
}
