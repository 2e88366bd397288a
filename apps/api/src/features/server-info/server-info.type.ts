import { Field, ObjectType, registerEnumType } from "type-graphql";

export enum AuthMode {
  AUTO_LOGIN = "AUTO_LOGIN",
  AUTHENTICATED = "AUTHENTICATED",
}
registerEnumType(AuthMode, {
  name: "AuthMode",
  valuesConfig: {
    AUTO_LOGIN: {
      description: "Every request acts as the default superuser (anonymous / auto-login mode).",
    },
    AUTHENTICATED: { description: "Requests must carry a session." },
  },
});

export enum MagicLinkDelivery {
  EMAIL = "EMAIL",
  MANUAL = "MANUAL",
}
registerEnumType(MagicLinkDelivery, {
  name: "MagicLinkDelivery",
  valuesConfig: {
    EMAIL: { description: "Links are emailed through Resend (RESEND_API_KEY is set)." },
    MANUAL: {
      description:
        "No mail provider: a superuser fetches the link with emailLoginUrl and sends it by hand.",
    },
  },
});

@ObjectType("ServerInfo")
export class ServerInfoType {
  @Field(() => AuthMode)
  authMode!: AuthMode;

  @Field(() => MagicLinkDelivery)
  magicLinkDelivery!: MagicLinkDelivery;

  @Field(() => Boolean)
  googleSignInEnabled!: boolean;

  @Field(() => String, {
    nullable: true,
    description: "The OAuth client id the console's Google button uses; null when Google is off.",
  })
  googleClientId!: string | null;

  @Field(() => Boolean)
  newUserIsActive!: boolean;

  @Field(() => String)
  version!: string;

  @Field(() => String, { description: "The name shown on sign-in pages and in emails." })
  appName!: string;
}
