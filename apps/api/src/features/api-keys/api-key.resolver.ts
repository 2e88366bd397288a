import { Role } from "@gatehouse/shared";
import { Arg, Authorized, ID, Mutation, Query, Resolver } from "type-graphql";
import { CurrentRequest, CurrentViewer } from "../../graphql/decorators.js";
import type { RequestInfo, Viewer } from "../../http/request.js";
import type { Services } from "../../services.js";
import { requireFreshSignIn } from "../sessions/fresh-sign-in.js";
import { signUpReservedNames } from "../users/reserved-names.js";
import { toUserType, UserType } from "../users/user.type.js";
import { refuseApiKey } from "./api-key.errors.js";
import { CreateApiKeyInput, CreateServiceAccountInput } from "./api-key.input.js";
import { ApiKeyType, CreatedApiKeyType, toApiKeyType } from "./api-key.type.js";

/** Any signed-in user: their own keys (and, for superusers, service accounts' keys). */
@Authorized()
@Resolver(() => ApiKeyType)
export class ApiKeyResolver {
  constructor(private readonly services: Services) {}

  @Query(() => [ApiKeyType], { description: "The signed-in user's own API keys, newest first." })
  async myApiKeys(@CurrentViewer() viewer: Viewer): Promise<ApiKeyType[]> {
    return (await this.services.apiKeys.list(viewer.userId)).map(toApiKeyType);
  }

  @Mutation(() => CreatedApiKeyType, {
    description:
      "Creates an API key for yourself (or, superusers, for a service account: input.userId). The key is in the answer once and never again. Needs a recent sign-in (FRESH_SIGN_IN_REQUIRED); refused to requests made with a key (API_KEY_NOT_ALLOWED).",
  })
  async createApiKey(
    @Arg("input", () => CreateApiKeyInput) input: CreateApiKeyInput,
    @CurrentViewer() viewer: Viewer,
    @CurrentRequest() request: RequestInfo,
  ): Promise<CreatedApiKeyType> {
    refuseApiKey(viewer, "create API keys");
    requireFreshSignIn(viewer, this.services.clock, this.services.config.freshSignInMs);
    const created = await this.services.apiKeys.create(viewer, input, request.ip);
    return { key: created.key, apiKey: toApiKeyType(created.apiKey) };
  }

  @Mutation(() => Boolean, {
    description:
      "Revokes an API key: your own, or anyone's for a superuser; it stops working at once. A request made with a key may revoke only that key.",
  })
  async revokeApiKey(
    @Arg("id", () => ID) id: string,
    @CurrentViewer() viewer: Viewer,
    @CurrentRequest() request: RequestInfo,
  ): Promise<boolean> {
    await this.services.apiKeys.revoke(viewer, id, request.ip);
    return true;
  }
}

/** Superusers: everyone's keys, and service accounts. */
@Authorized(Role.SUPERUSER)
@Resolver(() => ApiKeyType)
export class ApiKeyAdminResolver {
  constructor(private readonly services: Services) {}

  @Query(() => [ApiKeyType], {
    description: "Superuser only. One user's API keys, or everyone's when userId is omitted.",
  })
  async apiKeys(
    @Arg("userId", () => ID, { nullable: true }) userId: string | null,
  ): Promise<ApiKeyType[]> {
    return (await this.services.apiKeys.list(userId ?? null)).map(toApiKeyType);
  }

  @Mutation(() => UserType, {
    description:
      "Superuser only. A service account: active, no password, email or sign-in method; it exists to own API keys (createApiKey with its userId).",
  })
  async createServiceAccount(
    @Arg("input", () => CreateServiceAccountInput) input: CreateServiceAccountInput,
    @CurrentViewer() viewer: Viewer,
    @CurrentRequest() request: RequestInfo,
  ): Promise<UserType> {
    const user = await this.services.users.createServiceAccount(
      { username: input.username, description: input.description ?? "" },
      { userId: viewer.userId, ip: request.ip },
      signUpReservedNames(this.services.config),
    );
    return toUserType(user);
  }
}
