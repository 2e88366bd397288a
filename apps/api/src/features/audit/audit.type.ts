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

  @Field(() => ID, { nullable: true })
  targetId!: string | null;

  @Field(() => String, { nullable: true })
  ipAddress!: string | null;

  @Field(() => String, { nullable: true })
  detail!: string | null;
}

@ObjectType("AuditEventConnection")
export class AuditEventConnectionType extends Connection(AuditEventType, "AuditEventEdge") {}
