import { Field, ID, ObjectType } from "type-graphql";
import { Connection } from "../../graphql/connection.type.js";

@ObjectType("AuditEvent")
export class AuditEventType {
  @Field(() => ID)
  id!: string;

  @Field(() => Date)
  at!: Date;

  @Field(() => String, {
    description:
      "Dotted event name, e.g. user.created, session.signed_in, magic_link.redeemed, secret_key.rotated.",
  })
  action!: string;

  @Field(() => ID, { nullable: true })
  actorId!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "The actor's username when the event was written (kept after a rename or deletion).",
  })
  actorUsername!: string | null;

  @Field(() => Boolean, {
    description: "True when actorId names a user who still exists (the console links to them).",
  })
  actorUserExists!: boolean;

  @Field(() => ID, { nullable: true })
  targetId!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "The target's username when the target is a user, as it was when the event was written.",
  })
  targetUsername!: string | null;

  @Field(() => Boolean, {
    description: "True when targetId names a user who still exists.",
  })
  targetUserExists!: boolean;

  @Field(() => String, { nullable: true })
  ipAddress!: string | null;

  @Field(() => String, { nullable: true })
  detail!: string | null;
}

@ObjectType("AuditEventConnection")
export class AuditEventConnectionType extends Connection(AuditEventType, "AuditEventEdge") {}
