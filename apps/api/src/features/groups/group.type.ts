import { Field, ID, Int, ObjectType } from "type-graphql";
import type { GroupView } from "./group.service.js";

@ObjectType("Group", { description: "A named set of users; apps can admit members of groups." })
export class GroupType {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: "Unique regardless of case." })
  name!: string;

  @Field(() => String)
  description!: string;

  @Field(() => Int)
  memberCount!: number;

  @Field(() => Date)
  createdAt!: Date;
}

export function toGroupType(view: GroupView): GroupType {
  return Object.assign(new GroupType(), view);
}
