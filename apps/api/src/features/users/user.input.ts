import { Field, InputType } from "type-graphql";

// Validation uses the shared rules in the service (the console runs the same ones), so the
// messages match what the console shows before submitting.

@InputType("CreateUserInput")
export class CreateUserInput {
  @Field(() => String)
  username!: string;

  /** The contract keeps it required; a user without a password is made by inviteUser. */
  @Field(() => String)
  password!: string;

  @Field(() => String, { nullable: true })
  email?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: "Defaults to the server's NEW_USER_IS_ACTIVE setting when omitted.",
  })
  isActive?: boolean | null;

  @Field(() => Boolean, { nullable: true, defaultValue: false })
  isSuperuser?: boolean | null;
}

@InputType("UserFilter")
export class UserFilter {
  @Field(() => Boolean, { nullable: true })
  isActive?: boolean | null;

  @Field(() => Boolean, { nullable: true })
  isSuperuser?: boolean | null;

  @Field(() => Boolean, { nullable: true })
  emailVerified?: boolean | null;
}
