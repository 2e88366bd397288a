import { Role } from "@gatehouse/shared";
import { Arg, Authorized, ID, Mutation, Query, Resolver } from "type-graphql";
import { CurrentRequest, CurrentViewer } from "../../graphql/decorators.js";
import type { RequestInfo, Viewer } from "../../http/request.js";
import type { Services } from "../../services.js";
import { requireFreshSignIn } from "../sessions/fresh-sign-in.js";
import { OidcClientInputType, OidcClientType, OidcClientWithSecretType } from "./oidc.type.js";
import type { CreatedClient, OidcClientInput } from "./oidc-client.service.js";

const withSecret = (r: CreatedClient): OidcClientWithSecretType => ({
  client: OidcClientType.from(r.client),
  secret: r.secret,
});

const actor = (viewer: Viewer, request: RequestInfo) => ({ userId: viewer.userId, ip: request.ip });

/** OpenID Connect clients and signing keys: superusers only. */
@Authorized(Role.SUPERUSER)
@Resolver()
export class OidcResolver {
  constructor(private readonly services: Services) {}

  @Query(() => [OidcClientType], { description: "Superuser only." })
  async oidcClients(): Promise<OidcClientType[]> {
    return (await this.services.oidc.clients.list()).map(OidcClientType.from);
  }

  @Mutation(() => OidcClientWithSecretType, {
    description: "Superuser only. The secret (confidential clients) is returned this once.",
  })
  async createOidcClient(
    @Arg("input", () => OidcClientInputType) input: OidcClientInputType,
    @CurrentViewer() viewer: Viewer,
    @CurrentRequest() request: RequestInfo,
  ): Promise<OidcClientWithSecretType> {
    requireFreshSignIn(viewer, this.services.clock, this.services.config.freshSignInMs);
    const created = await this.services.oidc.clients.create(
      input as OidcClientInput,
      actor(viewer, request),
    );
    return withSecret(created);
  }

  @Mutation(() => OidcClientWithSecretType, {
    description:
      "Superuser only. A secret is returned only when a public client became confidential.",
  })
  async updateOidcClient(
    @Arg("id", () => ID) id: string,
    @Arg("input", () => OidcClientInputType) input: OidcClientInputType,
    @CurrentViewer() viewer: Viewer,
    @CurrentRequest() request: RequestInfo,
  ): Promise<OidcClientWithSecretType> {
    const updated = await this.services.oidc.clients.update(
      id,
      input as OidcClientInput,
      actor(viewer, request),
    );
    return withSecret(updated);
  }

  @Mutation(() => Boolean, { description: "Superuser only." })
  deleteOidcClient(
    @Arg("id", () => ID) id: string,
    @CurrentViewer() viewer: Viewer,
    @CurrentRequest() request: RequestInfo,
  ): Promise<boolean> {
    return this.services.oidc.clients.delete(id, actor(viewer, request));
  }

  @Mutation(() => OidcClientWithSecretType, {
    description:
      "Superuser only. A new secret, returned this once; the old one keeps working for GATEHOUSE_OIDC_SECRET_OVERLAP.",
  })
  async rotateOidcClientSecret(
    @Arg("id", () => ID) id: string,
    @CurrentViewer() viewer: Viewer,
    @CurrentRequest() request: RequestInfo,
  ): Promise<OidcClientWithSecretType> {
    requireFreshSignIn(viewer, this.services.clock, this.services.config.freshSignInMs);
    return withSecret(await this.services.oidc.clients.rotateSecret(id, actor(viewer, request)));
  }

  @Mutation(() => [String], {
    description:
      "Superuser only. New token signing keys (RS256, ES256); the old ones stay in the JWKS for GATEHOUSE_OIDC_KEY_GRACE. Returns the new key ids.",
  })
  rotateOidcSigningKeys(
    @CurrentViewer() viewer: Viewer,
    @CurrentRequest() request: RequestInfo,
  ): Promise<string[]> {
    requireFreshSignIn(viewer, this.services.clock, this.services.config.freshSignInMs);
    return this.services.oidc.rotateKeys(actor(viewer, request));
  }
}
