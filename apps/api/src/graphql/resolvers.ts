// Every resolver class. A feature adds its own here.
import type { NonEmptyArray } from "type-graphql";
import { AccountPublicResolver } from "../features/accounts/account.public.resolver.js";
import { AccountResolver } from "../features/accounts/account.resolver.js";
import { AccountAdminResolver } from "../features/accounts/account-admin.resolver.js";
import { ApiKeyAdminResolver, ApiKeyResolver } from "../features/api-keys/api-key.resolver.js";
import { AppResolver } from "../features/apps/app.resolver.js";
import { AuditResolver } from "../features/audit/audit.resolver.js";
import { ReturnToResolver } from "../features/forward-auth/return-to.resolver.js";
import { GooglePublicResolver } from "../features/google/google.public.resolver.js";
import { GoogleResolver } from "../features/google/google.resolver.js";
import { GroupResolver } from "../features/groups/group.resolver.js";
import { UserGroupsResolver } from "../features/groups/user-groups.resolver.js";
import { MagicLinkPublicResolver } from "../features/magic-links/magic-link.public.resolver.js";
import { MagicLinkAdminResolver } from "../features/magic-links/magic-link.resolver.js";
import { OidcResolver } from "../features/oidc/oidc.resolver.js";
import { OidcProviderInfoResolver } from "../features/oidc/oidc-provider-info.resolver.js";
import { PasswordPublicResolver } from "../features/passwords/password.public.resolver.js";
import { PasswordResolver } from "../features/passwords/password.resolver.js";
import { ReauthenticateResolver } from "../features/passwords/reauthenticate.resolver.js";
import { SignInLockResolver } from "../features/rate-limits/sign-in-lock.resolver.js";
import { SecretsResolver } from "../features/secrets/secrets.resolver.js";
import { ServerInfoPublicResolver } from "../features/server-info/server-info.public.resolver.js";
import { SessionPublicResolver } from "../features/sessions/session.public.resolver.js";
import { SessionResolver } from "../features/sessions/session.resolver.js";
import { UserPublicResolver } from "../features/users/user.public.resolver.js";
import { UserResolver } from "../features/users/user.resolver.js";
import { VariableResolver } from "../features/variables/variable.resolver.js";

// Accounts (issue 3).
const accountResolvers = [
  UserPublicResolver,
  UserResolver,
  PasswordPublicResolver,
  SessionPublicResolver,
  SessionResolver,
  AuditResolver,
  SignInLockResolver,
  ReauthenticateResolver,
  PasswordResolver,
  // Account lifecycle (issue 16).
  AccountPublicResolver,
  AccountResolver,
  AccountAdminResolver,
];

export const resolvers: NonEmptyArray<Function> = [
  ServerInfoPublicResolver,
  ...accountResolvers,
  MagicLinkPublicResolver,
  MagicLinkAdminResolver,
  GooglePublicResolver,
  GoogleResolver,
  VariableResolver,
  SecretsResolver,
  ReturnToResolver,
  // API keys and service accounts (issue 14).
  ApiKeyResolver,
  ApiKeyAdminResolver,
  // Groups (issue 14).
  GroupResolver,
  UserGroupsResolver,
  AppResolver,
  OidcResolver,
  OidcProviderInfoResolver,
];
