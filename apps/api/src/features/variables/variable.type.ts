import { Field, ID, ObjectType } from "type-graphql";

@ObjectType("Variable")
export class VariableType {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, {
    description:
      "The decrypted value. Only ever returned to the variable's owner. An empty string when `readable` is false: check `readable` before using it.",
  })
  value!: string;

  @Field(() => Boolean, {
    description:
      "False when the value was encrypted with a key this server does not have (see keyFingerprint); `value` is then empty. Setting the variable again replaces it with a readable one.",
  })
  readable!: boolean;

  @Field(() => String, {
    description:
      "Fingerprint of the secret key the stored value is encrypted with (never the key itself). When `readable` is false, an administrator adds that key to GATEHOUSE_SECRET_KEY_FALLBACKS.",
  })
  keyFingerprint!: string;

  @Field(() => Date)
  updatedAt!: Date;
}
