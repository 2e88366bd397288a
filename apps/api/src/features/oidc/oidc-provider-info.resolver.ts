import { Role } from "@gatehouse/shared";
import { Authorized, Query, Resolver } from "type-graphql";
import type { Services } from "../../services.js";
import { OidcProviderInfoType, OidcSigningKeyType } from "./oidc-provider-info.type.js";

/** Read-only facts for the console's client and key pages: superusers only. */
@Authorized(Role.SUPERUSER)
@Resolver()
export class OidcProviderInfoResolver {
  constructor(private readonly services: Services) {}

  @Query(() => OidcProviderInfoType, { description: "Superuser only." })
  async oidcProvider(): Promise<OidcProviderInfoType> {
    const { config, oidc } = this.services;
    const issuer = config.publicUrl;
    return Object.assign(new OidcProviderInfoType(), {
      issuer,
      discoveryUrl: `${issuer.replace(/\/+$/, "")}/.well-known/openid-configuration`,
      keyGraceSeconds: Math.round(config.oidc.keyGraceMs / 1000),
      secretOverlapSeconds: Math.round(config.oidc.secretOverlapMs / 1000),
      signingKeys: (await oidc.keys.list()).map(OidcSigningKeyType.from),
    });
  }
}
