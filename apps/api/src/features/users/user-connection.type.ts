import { Field, Int, ObjectType } from "type-graphql";
import { PageInfoType } from "./pagination.type.js";
import { UserType } from "./user.type.js";

@ObjectType("UserEdge")
export class UserEdgeType {
  @Field(() => String)
  cursor!: string;

  @Field(() => UserType)
  node!: UserType;
}

@ObjectType("UserConnection")
export class UserConnectionType {
  @Field(() => [UserEdgeType])
  edges!: UserEdgeType[];

  @Field(() => PageInfoType)
  pageInfo!: PageInfoType;

  @Field(() => Int)
  totalCount!: number;
}
