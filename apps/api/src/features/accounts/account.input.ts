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
