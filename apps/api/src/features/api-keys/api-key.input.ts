import { Field, ID, InputType } from "type-graphql";

@InputType("CreateApiKeyInput")
export class CreateApiKeyInput {
  @Field(() => String, { description: "What the key is for (1 to 64 characters)." })
  name!: string;

  @Field(() => Date, { nullable: true, description: "In the future; omit for no expiry." })
  expiresAt?: Date | null;

  @Field(() => [ID], {
    nullable: true,
    description: "Limit the key to forward auth for these apps (then /graphql refuses it).",
  })
  appIds?: string[] | null;

  @Field(() => [ID], {
    nullable: true,
    description: "Limit the groups apps see for this key to these (ids of existing groups).",
  })
  groupIds?: string[] | null;

  @Field(() => ID, {
    nullable: true,
    description:
      "Whose key: omit for your own. Superusers may name a service account, never another person.",
  })
  userId?: string | null;
}

@InputType("CreateServiceAccountInput")
export class CreateServiceAccountInput {
  @Field(() => String, { description: "Same rules as any username." })
  username!: string;

  @Field(() => String, { nullable: true, description: "What the account is for." })
  description?: string | null;
}
