// Every entity and migration, in one place. A feature adds its own lines here.

import { EmailChangeEntity } from "../features/accounts/email-change.entity.js";
import { ApiKeyEntity } from "../features/api-keys/api-key.entity.js";
import { AppEntity, AppGroupEntity } from "../features/apps/app.entity.js";
import { AuditEventEntity } from "../features/audit/audit.entity.js";
import { IdTokenUseEntity } from "../features/google/id-token-use.entity.js";
import { OAuthStateEntity } from "../features/google/oauth-state.entity.js";
import { GroupEntity, GroupMemberEntity } from "../features/groups/group.entity.js";
import { MagicLinkEntity } from "../features/magic-links/magic-link.entity.js";
import {
  OidcClientEntity,
  OidcGrantSessionEntity,
  OidcPayloadEntity,
  OidcSigningKeyEntity,
} from "../features/oidc/oidc.entity.js";
import { RateLimitEntity } from "../features/rate-limits/rate-limit.entity.js";
import { SecretKeyCheckEntity } from "../features/secrets/secret-key-check.entity.js";
import { SessionEntity } from "../features/sessions/session.entity.js";
import { UserEntity } from "../features/users/user.entity.js";
import { UserCountEntity } from "../features/users/user-count.entity.js";
import { UserSearchEntity } from "../features/users/user-search.entity.js";
import { VariableEntity } from "../features/variables/variable.entity.js";
import { Users1763860000000 } from "./migrations/1763860000000-users.js";
import { Accounts1795401873865 } from "./migrations/1795401873865-accounts.js";
import { Secrets1795401922207 } from "./migrations/1795401922207-secrets.js";
import { SignInLinks1795401949941 } from "./migrations/1795401949941-sign-in-links.js";
import { UsersSearch1795405338577 } from "./migrations/1795405338577-users-search.js";
import { UserSearch1795500000000 } from "./migrations/1795500000000-user-search.js";
import { DropUsersTrigramIndexes1795500000001 } from "./migrations/1795500000001-drop-users-trigram-indexes.js";
import { GoogleReturnTo1795500000002 } from "./migrations/1795500000002-google-return-to.js";
import { UserCounts1795600000400 } from "./migrations/1795600000400-user-counts.js";
import { SessionSignedInAt1795600000700 } from "./migrations/1795600000700-session-signed-in-at.js";
import { GoogleLinks1795600000800 } from "./migrations/1795600000800-google-links.js";
import { Groups1796000000000 } from "./migrations/1796000000000-groups.js";
import { Apps1796000000200 } from "./migrations/1796000000200-apps.js";
import { ApiKeys1796000000300 } from "./migrations/1796000000300-api-keys.js";
import { ReturnToApp1796000000500 } from "./migrations/1796000000500-return-to-app.js";
import { Oidc1796000000700 } from "./migrations/1796000000700-oidc.js";
import { AccountLifecycle1796000000800 } from "./migrations/1796000000800-account-lifecycle.js";
import { AuthChangeNotify1796000001100 } from "./migrations/1796000001100-auth-change-notify.js";
import { AuditUsernames1796000001600 } from "./migrations/1796000001600-audit-usernames.js";
import { UserDisplayName1796000001700 } from "./migrations/1796000001700-user-display-name.js";

export const entities = [
  UserEntity,
  SessionEntity,
  AuditEventEntity,
  RateLimitEntity,
  VariableEntity,
  SecretKeyCheckEntity,
  MagicLinkEntity,
  OAuthStateEntity,
  UserSearchEntity,
  UserCountEntity,
  IdTokenUseEntity,
  GroupEntity,
  GroupMemberEntity,
  ApiKeyEntity,
  AppEntity,
  AppGroupEntity,
  EmailChangeEntity,
  OidcPayloadEntity,
  OidcSigningKeyEntity,
  OidcClientEntity,
  OidcGrantSessionEntity,
];

/** In order. Names carry a timestamp; never edit one that has shipped, add another. */
export const migrations = [
  Users1763860000000,
  Accounts1795401873865,
  Secrets1795401922207,
  SignInLinks1795401949941,
  UsersSearch1795405338577,
  UserSearch1795500000000,
  DropUsersTrigramIndexes1795500000001,
  GoogleReturnTo1795500000002,
  UserCounts1795600000400,
  SessionSignedInAt1795600000700,
  GoogleLinks1795600000800,
  Groups1796000000000,
  Apps1796000000200,
  ApiKeys1796000000300,
  ReturnToApp1796000000500,
  Oidc1796000000700,
  AccountLifecycle1796000000800,
  AuthChangeNotify1796000001100,
  AuditUsernames1796000001600,
  UserDisplayName1796000001700,
];
