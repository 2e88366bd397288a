import { Field, ID, InputType, ObjectType, registerEnumType } from "type-graphql";
import { AppAccessRule } from "./app.entity.js";
import type { AppView } from "./app.service.js";

export enum AppAccess {
  ALL_USERS = "ALL_USERS",
  SUPERUSERS = "SUPERUSERS",
  GROUPS = "GROUPS",
}
registerEnumType(AppAccess, {
  name: "AppAccess",
  description: "Who may use an app behind forward auth.",
  valuesConfig: {
    ALL_USERS: { description: "Every active, signed-in user." },
    SUPERUSERS: { description: "Superusers only." },
    GROUPS: { description: "Members of any of the app's groups." },
  },
});

@ObjectType("App", {
  description:
    "An app behind forward auth: its hosts and who may use it. Declared apps come from GATEHOUSE_APPS and are read-only.",
})
export class AppType {
  @Field(() => ID, { description: "A uuid, or `config:<slug>` for a declared app." })
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => [String], {
    description:
      "Host patterns: `app.example.com` or `*.example.com` (one label), optionally with `:port`.",
  })
  hosts!: string[];

  @Field(() => AppAccess)
  access!: AppAccess;

  @Field(() => [String], { description: "The groups admitted by the GROUPS rule; else empty." })
  groupNames!: string[];

  @Field(() => Boolean, { description: "Declared in GATEHOUSE_APPS: read-only here." })
  declared!: boolean;

  @Field(() => Date, { nullable: true, description: "Null for declared apps." })
  createdAt!: Date | null;

  @Field(() => Date, { nullable: true, description: "Null for declared apps." })
  updatedAt!: Date | null;
}

@InputType("AppInput")
export class AppInput {
  @Field(() => String)
  name!: string;

  @Field(() => [String], { description: "One pattern per entry; see App.hosts." })
  hosts!: string[];

  @Field(() => AppAccess)
  access!: AppAccess;

  @Field(() => [String], {
    nullable: true,
    description: "Existing group names (any case); required for GROUPS, ignored otherwise.",
  })
  groupNames?: string[] | null;
}

export const toAppType = (a: AppView): AppType => ({
  ...a,
  access: a.access as AppAccess,
});

export const toAccessRule = (a: AppAccess): AppAccessRule => a as AppAccessRule;
