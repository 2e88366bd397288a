import { Field, Int, ObjectType } from "type-graphql";
import type { SigningKeyInfo } from "./signing-keys.js";

@ObjectType("OidcSigningKey", { description: "A token signing key (public facts only)." })
export class OidcSigningKeyType {
  @Field(() => String)
  kid!: string;

  @Field(() => String, { description: "RS256 or ES256." })
  algorithm!: string;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date, {
    nullable: true,
    description: "When a rotation replaced it: it no longer signs, but tokens it signed verify.",
  })
  retiredAt!: Date | null;

  @Field(() => Date, {
    nullable: true,
    description: "When a retired key leaves the JWKS (GATEHOUSE_OIDC_KEY_GRACE after retiring).",
  })
  publishedUntil!: Date | null;

  static from(k: SigningKeyInfo): OidcSigningKeyType {
    return Object.assign(new OidcSigningKeyType(), {
      kid: k.kid,
      algorithm: k.alg,
      createdAt: k.createdAt,
      retiredAt: k.retiredAt,
      publishedUntil: k.publishedUntil,
    });
  }
}

@ObjectType("OidcProviderInfo", {
  description: "What an app needs to find Gatehouse, and the signing keys it publishes.",
})
export class OidcProviderInfoType {
  @Field(() => String, { description: "The issuer: GATEHOUSE_PUBLIC_URL exactly." })
  issuer!: string;

  @Field(() => String, { description: "<issuer>/.well-known/openid-configuration." })
  discoveryUrl!: string;

  @Field(() => Int, { description: "GATEHOUSE_OIDC_KEY_GRACE in seconds." })
  keyGraceSeconds!: number;

  @Field(() => Int, { description: "GATEHOUSE_OIDC_SECRET_OVERLAP in seconds." })
  secretOverlapSeconds!: number;

  @Field(() => [OidcSigningKeyType], {
    description: "Current keys first, then retired ones still published. Empty until first use.",
  })
  signingKeys!: OidcSigningKeyType[];
}
