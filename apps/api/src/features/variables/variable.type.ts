import { Field, ID, ObjectType } from "type-graphql";

@ObjectType("Variable")
export class VariableType {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, {
    description: "The decrypted value. Only ever returned to the variable's owner.",
  })
  value!: string;

  @Field(() => Date)
  updatedAt!: Date;
}
