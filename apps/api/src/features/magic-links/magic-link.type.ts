import { Field, Int, ObjectType, registerEnumType } from "type-graphql";
import type { MagicLinkEntity } from "./magic-link.entity.js";

@ObjectType("RequestMagicLinkPayload")
export class RequestMagicLinkPayloadType {
  @Field(() => Boolean, {
    description:
      "Always true for a well-formed email, whether or not an account exists (no account enumeration).",
  })
  accepted!: boolean;
}

@ObjectType("LoginUrl")
export class LoginUrlType {
  @Field(() => String, {
    description:
      "Absolute URL of the console's redemption page; the token is in the `token` query parameter.",
  })
  url!: string;

  @Field(() => Date)
  expiresAt!: Date;

  @Field(() => String, {
    nullable: true,
    description:
      "Set when the link cannot be used yet (the account is not active): it stays valid and works once the account is activated.",
  })
  warning?: string | null;
}

@ObjectType("MagicLinkPreview", {
  description: "Who a sign-in link would sign in, shown before the click that redeems it.",
})
export class MagicLinkPreviewType {
  @Field(() => String)
  appName!: string;

  @Field(() => String, { nullable: true })
  email!: string | null;

  @Field(() => String)
  username!: string;

  @Field(() => Date)
  expiresAt!: Date;

  @Field(() => Boolean, {
    description:
      "The link was sent by 'Forgot password?': after signing in, the page offers to set a new password.",
  })
  passwordReset!: boolean;
}

export enum MagicLinkDeliveryState {
  PENDING = "PENDING",
  SENT = "SENT",
  FAILED = "FAILED",
  MANUAL = "MANUAL",
  INTERRUPTED = "INTERRUPTED",
}
registerEnumType(MagicLinkDeliveryState, {
  name: "MagicLinkDeliveryState",
  valuesConfig: {
    PENDING: { description: "Waiting to be emailed (or being retried)." },
    SENT: { description: "Resend accepted the email." },
    FAILED: { description: "Resend did not accept it after retries; see deliveryError." },
    MANUAL: {
      description:
        "Not emailed: for a superuser to hand over (no mail provider, or fetched by an admin or the CLI).",
    },
    INTERRUPTED: {
      description:
        "The server stopped while sending it: the email may or may not have arrived (see deliveryError). Set at a later start-up.",
    },
  },
});

export enum MagicLinkOrigin {
  REQUEST = "REQUEST",
  ADMIN = "ADMIN",
  CLI = "CLI",
}
registerEnumType(MagicLinkOrigin, { name: "MagicLinkOrigin" });

@ObjectType("MagicLinkStatus", {
  description:
    "The newest sign-in link of a user and how its delivery went. Never the link itself.",
})
export class MagicLinkStatusType {
  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date)
  expiresAt!: Date;

  @Field(() => Date, { nullable: true })
  usedAt!: Date | null;

  @Field(() => Boolean, { description: "A newer link replaced this one." })
  superseded!: boolean;

  @Field(() => MagicLinkOrigin)
  origin!: MagicLinkOrigin;

  @Field(() => MagicLinkDeliveryState)
  delivery!: MagicLinkDeliveryState;

  @Field(() => String, { nullable: true, description: "Why mail failed, as the provider said it." })
  deliveryError!: string | null;

  @Field(() => Int)
  deliveryAttempts!: number;

  @Field(() => Date, { nullable: true })
  deliveryUpdatedAt!: Date | null;
}

export function toMagicLinkStatus(e: MagicLinkEntity): MagicLinkStatusType {
  const t = new MagicLinkStatusType();
  t.createdAt = e.createdAt;
  t.expiresAt = e.expiresAt;
  t.usedAt = e.usedAt;
  t.superseded = e.supersededAt !== null;
  t.origin = e.origin.toUpperCase() as MagicLinkOrigin;
  t.delivery = e.delivery.toUpperCase() as MagicLinkDeliveryState;
  t.deliveryError = e.deliveryError;
  t.deliveryAttempts = e.deliveryAttempts;
  t.deliveryUpdatedAt = e.deliveryUpdatedAt;
  return t;
}
