import { Field, InputType } from "type-graphql";

// Validation uses the shared rules in the service (the console checks the same ones).

@InputType("CreateGroupInput")
export class CreateGroupInput {
  @Field(() => String, { description: "1–64 characters, no commas; unique regardless of case." })
  name!: string;

  @Field(() => String, { nullable: true })
  description?: string | null;
}

@InputType("UpdateGroupInput", { description: "An omitted field keeps its value." })
export class UpdateGroupInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  description?: string | null;
}
