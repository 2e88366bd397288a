import { Field, ID, ObjectType } from "type-graphql";
import type { ApiKeyView } from "./api-key.service.js";

/** A key as lists show it: never the key itself, which is shown once at creation. */
@ObjectType("ApiKey")
export class ApiKeyType {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, {
    description: "The key's first characters (gatehouse_ and 8 more), to tell keys apart.",
  })
  prefix!: string;

  @Field(() => ID)
  userId!: string;

  @Field(() => String)
  username!: string;

  @Field(() => [ID], {
    nullable: true,
    description: "Null: not limited. Otherwise the key works only for forward auth to these apps.",
  })
  appIds!: string[] | null;

  @Field(() => [ID], {
    nullable: true,
    description: "Null: the owner's groups. Otherwise apps see at most these of them.",
  })
  groupIds!: string[] | null;

  @Field(() => Date, { nullable: true })
  expiresAt!: Date | null;

  @Field(() => Date, {
    nullable: true,
    description: "When the key was last used, to within a minute; null if never.",
  })
  lastUsedAt!: Date | null;

  @Field(() => Date)
  createdAt!: Date;
}

@ObjectType("CreatedApiKey")
export class CreatedApiKeyType {
  @Field(() => String, {
    description: "The key: shown this once, stored only as a hash. Send it as X-API-Key or Bearer.",
  })
  key!: string;

  @Field(() => ApiKeyType)
  apiKey!: ApiKeyType;
}

export function toApiKeyType(v: ApiKeyView): ApiKeyType {
  return Object.assign(new ApiKeyType(), v);
}
