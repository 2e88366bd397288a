import { Field, Int, ObjectType } from "type-graphql";
import { Connection } from "../../graphql/connection.type.js";
import { UserType } from "./user.type.js";

@ObjectType("UserConnection")
export class UserConnectionType extends Connection(UserType, "UserEdge") {
  @Field(() => Int)
  totalCount!: number;
}
