import { Role } from "@gatehouse/shared";
import { Authorized, Mutation, Query, Resolver } from "type-graphql";
import { CurrentRequest, CurrentViewer } from "../../graphql/decorators.js";
import type { RequestInfo, Viewer } from "../../http/request.js";
import type { Services } from "../../services.js";
import { requireFreshSignIn } from "../sessions/fresh-sign-in.js";
import { RotationResultType, SecretKeyStatusType } from "./secrets.type.js";

@Authorized(Role.SUPERUSER)
@Resolver()
export class SecretsResolver {
  constructor(private readonly services: Services) {}

  @Query(() => SecretKeyStatusType, { description: "Superuser only." })
  secretKeyStatus(): Promise<SecretKeyStatusType> {
    return this.services.secrets.status();
  }

  @Mutation(() => RotationResultType, {
    description:
      "Superuser only. Re-encrypts every stored ciphertext under the primary secret key, using the fallback keys to read older ones.",
  })
  async rotateSecretKey(
    @CurrentViewer() viewer: Viewer,
    @CurrentRequest() request: RequestInfo,
  ): Promise<RotationResultType> {
    const { clock, config } = this.services;
    requireFreshSignIn(viewer, clock, config.freshSignInMs);
    const counts = await this.services.secrets.rotate(
      {},
      { userId: viewer.userId, ip: request.ip },
    );
    return { ...counts, primaryFingerprint: this.services.secrets.ring.primary.fingerprint };
  }
}
