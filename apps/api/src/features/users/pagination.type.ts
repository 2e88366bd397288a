import { Field, ObjectType } from "type-graphql";

/** Relay-style page info, shared by every connection (users, audit log, ...). */
@ObjectType("PageInfo")
export class PageInfoType {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}
