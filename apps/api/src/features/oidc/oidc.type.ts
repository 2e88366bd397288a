import { Field, ID, InputType, ObjectType } from "type-graphql";
import type { OidcClientEntity } from "./oidc.entity.js";

@ObjectType("OidcClient", {
  description: "An app that signs its users in with Gatehouse (OpenID Connect).",
})
export class OidcClientType {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: "The client_id the app is configured with." })
  clientId!: string;

  @Field(() => String)
  name!: string;

  @Field(() => [String], { description: "Compared exactly (no wildcards, no prefixes)." })
  redirectUris!: string[];

  @Field(() => [String])
  postLogoutRedirectUris!: string[];

  @Field(() => Boolean, { description: "No secret; PKCE is required." })
  isPublic!: boolean;

  @Field(() => Boolean, { description: "Skips the consent screen." })
  firstParty!: boolean;

  @Field(() => [String])
  grantTypes!: string[];

  @Field(() => String, { description: '"opaque" or "jwt" (RFC 9068 access tokens).' })
  accessTokenFormat!: string;

  @Field(() => ID, { nullable: true, description: "The registered app this client belongs to." })
  appId!: string | null;

  @Field(() => Date, {
    nullable: true,
    description: "Until then the secret replaced by the last rotation still works.",
  })
  previousSecretExpiresAt!: Date | null;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date)
  updatedAt!: Date;

  static from(e: OidcClientEntity): OidcClientType {
    return Object.assign(new OidcClientType(), {
      id: e.id,
      clientId: e.clientId,
      name: e.name,
      redirectUris: e.redirectUris,
      postLogoutRedirectUris: e.postLogoutRedirectUris,
      isPublic: e.isPublic,
      firstParty: e.firstParty,
      grantTypes: e.grantTypes,
      accessTokenFormat: e.accessTokenFormat,
      appId: e.appId,
      previousSecretExpiresAt: e.previousSecretHash ? e.previousSecretExpiresAt : null,
      createdAt: e.createdAt,
      updatedAt: e.updatedAt,
    });
  }
}

@ObjectType("OidcClientWithSecret")
export class OidcClientWithSecretType {
  @Field(() => OidcClientType)
  client!: OidcClientType;

  @Field(() => String, {
    nullable: true,
    description:
      "The client secret, shown this once (only its hash is kept); null when unchanged or public.",
  })
  secret!: string | null;
}

@InputType("OidcClientInput")
export class OidcClientInputType {
  @Field(() => String)
  name!: string;

  @Field(() => [String], { defaultValue: [] })
  redirectUris!: string[];

  @Field(() => [String], { defaultValue: [] })
  postLogoutRedirectUris!: string[];

  @Field(() => Boolean, { defaultValue: false })
  isPublic!: boolean;

  @Field(() => Boolean, { defaultValue: false })
  firstParty!: boolean;

  @Field(() => [String], {
    defaultValue: ["authorization_code", "refresh_token"],
    description:
      "authorization_code, refresh_token, client_credentials, urn:ietf:params:oauth:grant-type:device_code.",
  })
  grantTypes!: string[];

  @Field(() => String, { defaultValue: "opaque", description: '"opaque" or "jwt".' })
  accessTokenFormat!: string;

  @Field(() => ID, { nullable: true })
  appId?: string | null;
}
