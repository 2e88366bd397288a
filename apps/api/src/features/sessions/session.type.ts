import { Field, ID, ObjectType } from "type-graphql";
import { UserType } from "../users/user.type.js";
import type { SessionEntity } from "./session.entity.js";

@ObjectType("Session")
export class SessionType {
  @Field(() => ID)
  id!: string;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date)
  lastSeenAt!: Date;

  @Field(() => Date)
  expiresAt!: Date;

  @Field(() => String, { nullable: true })
  userAgent!: string | null;

  @Field(() => String, { nullable: true })
  ipAddress!: string | null;

  @Field(() => String, { description: "How the session began: PASSWORD, MAGIC_LINK or GOOGLE." })
  method!: string;

  @Field(() => Boolean, { description: "True for the session that made this request." })
  current!: boolean;
}

export function toSessionType(s: SessionEntity, currentSessionId: string | null): SessionType {
  const t = new SessionType();
  t.id = s.id;
  t.createdAt = s.createdAt;
  t.lastSeenAt = s.lastSeenAt;
  t.expiresAt = s.expiresAt;
  t.userAgent = s.userAgent;
  t.ipAddress = s.ipAddress;
  t.method = s.method;
  t.current = s.id === currentSessionId;
  return t;
}

@ObjectType("AuthPayload")
export class AuthPayloadType {
  @Field(() => UserType)
  user!: UserType;

  @Field(() => String, {
    description:
      "Opaque session token for API clients (send as Bearer). The console ignores it and relies on the HttpOnly cookie set on the same response.",
  })
  token!: string;

  @Field(() => Date)
  expiresAt!: Date;

  @Field(() => String, {
    nullable: true,
    description:
      "Where the browser should go now: the checked destination of signIn's `next` or of the redeemed link (a console path or an absolute URL on an allowed app host); null for the console's home.",
  })
  returnTo?: string | null;
}
