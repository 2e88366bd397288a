import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import type { UserEntity } from "./user.entity.js";

export enum AuthMethod {
  PASSWORD = "PASSWORD",
  MAGIC_LINK = "MAGIC_LINK",
  GOOGLE = "GOOGLE",
}
registerEnumType(AuthMethod, {
  name: "AuthMethod",
  description: "A way a user has signed in at least once.",
});

/** The public face of a user: no password hash, no Google subject. */
@ObjectType("User")
export class UserType {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  username!: string;

  @Field(() => String, {
    nullable: true,
    description:
      "The name shown to apps (Remote-Name, the OIDC name claim); null when not set, and apps get the username.",
  })
  displayName!: string | null;

  @Field(() => String, { nullable: true })
  email!: string | null;

  @Field(() => Boolean)
  emailVerified!: boolean;

  @Field(() => Boolean)
  isActive!: boolean;

  @Field(() => Boolean)
  isSuperuser!: boolean;

  @Field(() => [AuthMethod])
  authMethods!: AuthMethod[];

  @Field(() => Boolean, { description: "True when the user can sign in with a password." })
  hasPassword!: boolean;

  @Field(() => Boolean, { description: "True when a Google account is linked for sign-in." })
  googleLinked!: boolean;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  lastLoginAt!: Date | null;

  @Field(() => Boolean, {
    description:
      "True for a service account: it has no password or sign-in method and exists only to own API keys.",
  })
  isServiceAccount!: boolean;

  @Field(() => String, { description: "What the account is for (service accounts); may be empty." })
  description!: string;
}

const KNOWN_METHODS = new Set<string>(Object.values(AuthMethod));

export function toUserType(entity: UserEntity): UserType {
  const t = new UserType();
  t.id = entity.id;
  t.username = entity.username;
  t.displayName = entity.displayName ?? null;
  t.email = entity.email;
  t.emailVerified = entity.emailVerified;
  t.isActive = entity.isActive;
  t.isSuperuser = entity.isSuperuser;
  t.authMethods = (entity.authMethods ?? []).filter((m) => KNOWN_METHODS.has(m)) as AuthMethod[];
  t.hasPassword = entity.passwordHash !== null;
  t.googleLinked = entity.googleSubject !== null && entity.googleSubject !== undefined;
  t.createdAt = entity.createdAt;
  t.lastLoginAt = entity.lastLoginAt;
  t.isServiceAccount = entity.isServiceAccount ?? false;
  t.description = entity.description ?? "";
  return t;
}
