import { Field, InputType, ObjectType } from "type-graphql";
import { LoginUrlType } from "../magic-links/magic-link.type.js";
import { UserType } from "../users/user.type.js";

@InputType("UpdateUserInput", {
  description: "Only the fields given change. Validated with the same rules as createUser.",
})
export class UpdateUserInput {
  @Field(() => String, { nullable: true })
  username?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "A new email starts unverified; an empty string removes it.",
  })
  email?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "The name shown to apps (Remote-Name, OIDC name): trimmed, at most 100 characters, no control characters; an empty string clears it.",
  })
  displayName?: string | null;
}

@InputType("InviteUserInput", {
  description:
    "A user who signs in by link or Google (a password is optional); the email carries the link.",
})
export class InviteUserInput {
  @Field(() => String)
  username!: string;

  @Field(() => String)
  email!: string;

  @Field(() => String, { nullable: true, description: "Usually omitted." })
  password?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: "Defaults to the server's NEW_USER_IS_ACTIVE setting when omitted.",
  })
  isActive?: boolean | null;

  @Field(() => Boolean, { nullable: true, defaultValue: false })
  isSuperuser?: boolean | null;
}

@ObjectType("Invitation", { description: "A user created together with their first sign-in link." })
export class InvitationType {
  @Field(() => UserType)
  user!: UserType;

  @Field(() => LoginUrlType, {
    nullable: true,
    description: "The link to hand over; null when it was emailed.",
  })
  loginUrl!: LoginUrlType | null;

  @Field(() => Boolean, { description: "True when Resend accepted the invitation email." })
  emailed!: boolean;
}
