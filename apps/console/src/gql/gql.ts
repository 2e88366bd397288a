/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  mutation AddGroupMembers($groupId: ID!, $userIds: [ID!]!) {\n    addGroupMembers(groupId: $groupId, userIds: $userIds) {\n      ...GroupFields\n    }\n  }\n": typeof types.AddGroupMembersDocument,
    "\n  fragment ApiKeyFields on ApiKey {\n    id\n    name\n    prefix\n    userId\n    username\n    appIds\n    groupIds\n    expiresAt\n    lastUsedAt\n    createdAt\n  }\n": typeof types.ApiKeyFieldsFragmentDoc,
    "\n  query MyApiKeys {\n    myApiKeys {\n      ...ApiKeyFields\n    }\n  }\n": typeof types.MyApiKeysDocument,
    "\n  query UserApiKeys($userId: ID) {\n    apiKeys(userId: $userId) {\n      ...ApiKeyFields\n    }\n  }\n": typeof types.UserApiKeysDocument,
    "\n  fragment AppFields on App {\n    id\n    name\n    hosts\n    access\n    groupNames\n    declared\n    updatedAt\n  }\n": typeof types.AppFieldsFragmentDoc,
    "\n  query Apps {\n    apps {\n      ...AppFields\n    }\n  }\n": typeof types.AppsDocument,
    "\n  query AuditLog(\n    $first: Int\n    $after: String\n    $action: String\n    $targetId: ID\n    $actionContains: String\n    $user: String\n    $since: DateTime\n    $until: DateTime\n  ) {\n    auditLog(\n      first: $first\n      after: $after\n      action: $action\n      targetId: $targetId\n      actionContains: $actionContains\n      user: $user\n      since: $since\n      until: $until\n    ) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          at\n          action\n          actorId\n          actorUsername\n          actorUserExists\n          targetId\n          targetUsername\n          targetUserExists\n          ipAddress\n          detail\n        }\n      }\n    }\n  }\n": typeof types.AuditLogDocument,
    "\n  mutation ChangePassword(\n    $currentPassword: String!\n    $newPassword: String!\n    $signOutOtherSessions: Boolean\n  ) {\n    changePassword(\n      currentPassword: $currentPassword\n      newPassword: $newPassword\n      signOutOtherSessions: $signOutOtherSessions\n    ) {\n      id\n      hasPassword\n    }\n  }\n": typeof types.ChangePasswordDocument,
    "\n  mutation ConfirmEmailChange($token: String!) {\n    confirmEmailChange(token: $token)\n  }\n": typeof types.ConfirmEmailChangeDocument,
    "\n  mutation CreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      key\n      apiKey {\n        ...ApiKeyFields\n      }\n    }\n  }\n": typeof types.CreateApiKeyDocument,
    "\n  mutation CreateGroup($input: CreateGroupInput!) {\n    createGroup(input: $input) {\n      ...GroupFields\n    }\n  }\n": typeof types.CreateGroupDocument,
    "\n  mutation CreateOidcClient($input: OidcClientInput!) {\n    createOidcClient(input: $input) {\n      secret\n      client {\n        ...OidcClientFields\n      }\n    }\n  }\n": typeof types.CreateOidcClientDocument,
    "\n  mutation CreateServiceAccount($input: CreateServiceAccountInput!) {\n    createServiceAccount(input: $input) {\n      ...UserFields\n    }\n  }\n": typeof types.CreateServiceAccountDocument,
    "\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      ...UserFields\n    }\n  }\n": typeof types.CreateUserDocument,
    "\n  mutation CreateVariable($name: String!, $value: String!) {\n    createVariable(name: $name, value: $value) {\n      id\n      name\n      updatedAt\n    }\n  }\n": typeof types.CreateVariableDocument,
    "\n  mutation DeleteGroup($id: ID!) {\n    deleteGroup(id: $id)\n  }\n": typeof types.DeleteGroupDocument,
    "\n  mutation DeleteOidcClient($id: ID!) {\n    deleteOidcClient(id: $id)\n  }\n": typeof types.DeleteOidcClientDocument,
    "\n  mutation DeleteUser($userId: ID!, $confirmUsername: String!) {\n    deleteUser(userId: $userId, confirmUsername: $confirmUsername)\n  }\n": typeof types.DeleteUserDocument,
    "\n  mutation DeleteVariable($name: String!) {\n    deleteVariable(name: $name)\n  }\n": typeof types.DeleteVariableDocument,
    "\n  mutation EmailLoginUrl($userId: ID!) {\n    emailLoginUrl(userId: $userId) {\n      url\n      expiresAt\n      warning\n    }\n  }\n": typeof types.EmailLoginUrlDocument,
    "\n  mutation StartGoogleLink {\n    startGoogleLink {\n      url\n    }\n  }\n": typeof types.StartGoogleLinkDocument,
    "\n  mutation UnlinkGoogle {\n    unlinkGoogle {\n      id\n      googleLinked\n    }\n  }\n": typeof types.UnlinkGoogleDocument,
    "\n  fragment GroupFields on Group {\n    id\n    name\n    description\n    memberCount\n    createdAt\n  }\n": typeof types.GroupFieldsFragmentDoc,
    "\n  query GroupMembers($groupId: ID!, $search: String, $first: Int, $after: String) {\n    users(groupId: $groupId, search: $search, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          username\n          email\n        }\n      }\n    }\n  }\n": typeof types.GroupMembersDocument,
    "\n  query Groups {\n    groups {\n      ...GroupFields\n    }\n  }\n": typeof types.GroupsDocument,
    "\n  mutation InviteUser($input: InviteUserInput!, $sendEmail: Boolean) {\n    inviteUser(input: $input, sendEmail: $sendEmail) {\n      user {\n        ...UserFields\n      }\n      emailed\n      loginUrl {\n        url\n        expiresAt\n        warning\n      }\n    }\n  }\n": typeof types.InviteUserDocument,
    "\n  query MagicLinkPreview($token: String!) {\n    magicLinkPreview(token: $token) {\n      appName\n      username\n      email\n      expiresAt\n      passwordReset\n    }\n  }\n": typeof types.MagicLinkPreviewDocument,
    "\n  query MatchingUsers($search: String, $filter: UserFilter, $groupId: ID) {\n    matchingUsers(search: $search, filter: $filter, groupId: $groupId) {\n      ...UserFields\n    }\n  }\n": typeof types.MatchingUsersDocument,
    "\n  query Me {\n    me {\n      ...UserFields\n    }\n  }\n": typeof types.MeDocument,
    "\n  query MyPassword {\n    me {\n      id\n      hasPassword\n    }\n  }\n": typeof types.MyPasswordDocument,
    "\n  query MySessions {\n    mySessions {\n      ...SessionFields\n    }\n  }\n": typeof types.MySessionsDocument,
    "\n  fragment OidcClientFields on OidcClient {\n    id\n    clientId\n    name\n    redirectUris\n    postLogoutRedirectUris\n    isPublic\n    firstParty\n    grantTypes\n    accessTokenFormat\n    appId\n    previousSecretExpiresAt\n    createdAt\n  }\n": typeof types.OidcClientFieldsFragmentDoc,
    "\n  query OidcClients {\n    oidcClients {\n      ...OidcClientFields\n    }\n  }\n": typeof types.OidcClientsDocument,
    "\n  query OidcProvider {\n    oidcProvider {\n      issuer\n      discoveryUrl\n      keyGraceSeconds\n      secretOverlapSeconds\n      signingKeys {\n        kid\n        algorithm\n        createdAt\n        retiredAt\n        publishedUntil\n      }\n    }\n  }\n": typeof types.OidcProviderDocument,
    "\n  mutation Reauthenticate($password: String!) {\n    reauthenticate(password: $password)\n  }\n": typeof types.ReauthenticateDocument,
    "\n  mutation RedeemLink($token: String!) {\n    redeemLink(token: $token) {\n      user {\n        ...UserFields\n      }\n      expiresAt\n      returnTo\n    }\n  }\n": typeof types.RedeemLinkDocument,
    "\n  mutation RemoveGroupMembers($groupId: ID!, $userIds: [ID!]!) {\n    removeGroupMembers(groupId: $groupId, userIds: $userIds) {\n      ...GroupFields\n    }\n  }\n": typeof types.RemoveGroupMembersDocument,
    "\n  mutation RemovePassword($userId: ID!, $force: Boolean) {\n    removePassword(userId: $userId, force: $force) {\n      ...UserFields\n      hasPassword\n    }\n  }\n": typeof types.RemovePasswordDocument,
    "\n  mutation RequestEmailChange($email: String!) {\n    requestEmailChange(email: $email)\n  }\n": typeof types.RequestEmailChangeDocument,
    "\n  mutation RequestMagicLink($email: String!, $next: String) {\n    requestMagicLink(email: $email, next: $next) {\n      accepted\n    }\n  }\n": typeof types.RequestMagicLinkDocument,
    "\n  mutation RequestPasswordReset($login: String!) {\n    requestPasswordReset(login: $login) {\n      accepted\n    }\n  }\n": typeof types.RequestPasswordResetDocument,
    "\n  query ReturnDestination($next: String!) {\n    returnDestination(next: $next)\n  }\n": typeof types.ReturnDestinationDocument,
    "\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id)\n  }\n": typeof types.RevokeApiKeyDocument,
    "\n  mutation RevokeSession($id: ID!) {\n    revokeSession(id: $id)\n  }\n": typeof types.RevokeSessionDocument,
    "\n  mutation RotateOidcClientSecret($id: ID!) {\n    rotateOidcClientSecret(id: $id) {\n      secret\n      client {\n        ...OidcClientFields\n      }\n    }\n  }\n": typeof types.RotateOidcClientSecretDocument,
    "\n  mutation RotateOidcSigningKeys {\n    rotateOidcSigningKeys\n  }\n": typeof types.RotateOidcSigningKeysDocument,
    "\n  mutation RotateSecretKey {\n    rotateSecretKey {\n      rotated\n      alreadyCurrent\n      failed\n      skipped\n      primaryFingerprint\n    }\n  }\n": typeof types.RotateSecretKeyDocument,
    "\n  mutation CreateApp($input: AppInput!) {\n    createApp(input: $input) {\n      ...AppFields\n    }\n  }\n": typeof types.CreateAppDocument,
    "\n  mutation UpdateApp($id: ID!, $input: AppInput!) {\n    updateApp(id: $id, input: $input) {\n      ...AppFields\n    }\n  }\n": typeof types.UpdateAppDocument,
    "\n  mutation DeleteApp($id: ID!) {\n    deleteApp(id: $id)\n  }\n": typeof types.DeleteAppDocument,
    "\n  query SecretKeyStatus {\n    secretKeyStatus {\n      primaryFingerprint\n      generated\n      generatedKeyFile\n      undecryptable\n      keys {\n        fingerprint\n        isPrimary\n        configured\n        ciphertexts\n      }\n    }\n  }\n": typeof types.SecretKeyStatusDocument,
    "\n  query ServerInfo {\n    serverInfo {\n      appName\n      authMode\n      magicLinkDelivery\n      googleSignInEnabled\n      googleClientId\n      newUserIsActive\n      version\n    }\n  }\n": typeof types.ServerInfoDocument,
    "\n  fragment SessionFields on Session {\n    id\n    createdAt\n    lastSeenAt\n    expiresAt\n    userAgent\n    ipAddress\n    current\n    method\n  }\n": typeof types.SessionFieldsFragmentDoc,
    "\n  mutation SetActive($userId: ID!, $active: Boolean!) {\n    setActive(userId: $userId, active: $active) {\n      ...UserFields\n    }\n  }\n": typeof types.SetActiveDocument,
    "\n  mutation SetNewPassword($newPassword: String!, $signOutOtherSessions: Boolean) {\n    setNewPassword(newPassword: $newPassword, signOutOtherSessions: $signOutOtherSessions) {\n      id\n      hasPassword\n    }\n  }\n": typeof types.SetNewPasswordDocument,
    "\n  mutation SetSuperuser($userId: ID!, $superuser: Boolean!) {\n    setSuperuser(userId: $userId, superuser: $superuser) {\n      ...UserFields\n    }\n  }\n": typeof types.SetSuperuserDocument,
    "\n  mutation SetVariable($name: String!, $value: String!) {\n    setVariable(name: $name, value: $value) {\n      id\n      name\n      updatedAt\n    }\n  }\n": typeof types.SetVariableDocument,
    "\n  mutation SignIn($username: String!, $password: String!, $next: String) {\n    signIn(username: $username, password: $password, next: $next) {\n      user {\n        ...UserFields\n      }\n      expiresAt\n      returnTo\n    }\n  }\n": typeof types.SignInDocument,
    "\n  mutation SignOut {\n    signOut\n  }\n": typeof types.SignOutDocument,
    "\n  mutation UnlockSignIn($userId: ID!) {\n    unlockSignIn(userId: $userId)\n  }\n": typeof types.UnlockSignInDocument,
    "\n  mutation UpdateGroup($id: ID!, $input: UpdateGroupInput!) {\n    updateGroup(id: $id, input: $input) {\n      ...GroupFields\n    }\n  }\n": typeof types.UpdateGroupDocument,
    "\n  mutation UpdateMyProfile($displayName: String) {\n    updateMyProfile(displayName: $displayName) {\n      ...UserFields\n    }\n  }\n": typeof types.UpdateMyProfileDocument,
    "\n  mutation UpdateOidcClient($id: ID!, $input: OidcClientInput!) {\n    updateOidcClient(id: $id, input: $input) {\n      secret\n      client {\n        ...OidcClientFields\n      }\n    }\n  }\n": typeof types.UpdateOidcClientDocument,
    "\n  mutation UpdateUser($userId: ID!, $input: UpdateUserInput!) {\n    updateUser(userId: $userId, input: $input) {\n      ...UserFields\n    }\n  }\n": typeof types.UpdateUserDocument,
    "\n  query User($id: ID!) {\n    user(id: $id) {\n      ...UserFields\n      hasPassword\n      description\n      groups {\n        id\n        name\n      }\n      latestMagicLink {\n        origin\n        delivery\n        deliveryAttempts\n        deliveryError\n        deliveryUpdatedAt\n        createdAt\n        expiresAt\n        usedAt\n        superseded\n      }\n    }\n  }\n": typeof types.UserDocument,
    "\n  fragment UserFields on User {\n    id\n    username\n    displayName\n    email\n    emailVerified\n    isActive\n    isSuperuser\n    authMethods\n    hasPassword\n    googleLinked\n    createdAt\n    lastLoginAt\n    isServiceAccount\n  }\n": typeof types.UserFieldsFragmentDoc,
    "\n  query UserSearch($search: String!) {\n    users(search: $search, first: 10) {\n      edges {\n        node {\n          id\n          username\n          email\n        }\n      }\n    }\n  }\n": typeof types.UserSearchDocument,
    "\n  query UserSessions($userId: ID!) {\n    sessions(userId: $userId) {\n      ...SessionFields\n    }\n  }\n": typeof types.UserSessionsDocument,
    "\n  query Users(\n    $search: String\n    $filter: UserFilter\n    $groupId: ID\n    $first: Int\n    $after: String\n  ) {\n    users(search: $search, filter: $filter, groupId: $groupId, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          ...UserFields\n          groups {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n": typeof types.UsersDocument,
    "\n  query VariableValues {\n    variables {\n      name\n      value\n    }\n  }\n": typeof types.VariableValuesDocument,
    "\n  query Variables {\n    variables {\n      id\n      name\n      readable\n      keyFingerprint\n      updatedAt\n    }\n  }\n": typeof types.VariablesDocument,
};
const documents: Documents = {
    "\n  mutation AddGroupMembers($groupId: ID!, $userIds: [ID!]!) {\n    addGroupMembers(groupId: $groupId, userIds: $userIds) {\n      ...GroupFields\n    }\n  }\n": types.AddGroupMembersDocument,
    "\n  fragment ApiKeyFields on ApiKey {\n    id\n    name\n    prefix\n    userId\n    username\n    appIds\n    groupIds\n    expiresAt\n    lastUsedAt\n    createdAt\n  }\n": types.ApiKeyFieldsFragmentDoc,
    "\n  query MyApiKeys {\n    myApiKeys {\n      ...ApiKeyFields\n    }\n  }\n": types.MyApiKeysDocument,
    "\n  query UserApiKeys($userId: ID) {\n    apiKeys(userId: $userId) {\n      ...ApiKeyFields\n    }\n  }\n": types.UserApiKeysDocument,
    "\n  fragment AppFields on App {\n    id\n    name\n    hosts\n    access\n    groupNames\n    declared\n    updatedAt\n  }\n": types.AppFieldsFragmentDoc,
    "\n  query Apps {\n    apps {\n      ...AppFields\n    }\n  }\n": types.AppsDocument,
    "\n  query AuditLog(\n    $first: Int\n    $after: String\n    $action: String\n    $targetId: ID\n    $actionContains: String\n    $user: String\n    $since: DateTime\n    $until: DateTime\n  ) {\n    auditLog(\n      first: $first\n      after: $after\n      action: $action\n      targetId: $targetId\n      actionContains: $actionContains\n      user: $user\n      since: $since\n      until: $until\n    ) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          at\n          action\n          actorId\n          actorUsername\n          actorUserExists\n          targetId\n          targetUsername\n          targetUserExists\n          ipAddress\n          detail\n        }\n      }\n    }\n  }\n": types.AuditLogDocument,
    "\n  mutation ChangePassword(\n    $currentPassword: String!\n    $newPassword: String!\n    $signOutOtherSessions: Boolean\n  ) {\n    changePassword(\n      currentPassword: $currentPassword\n      newPassword: $newPassword\n      signOutOtherSessions: $signOutOtherSessions\n    ) {\n      id\n      hasPassword\n    }\n  }\n": types.ChangePasswordDocument,
    "\n  mutation ConfirmEmailChange($token: String!) {\n    confirmEmailChange(token: $token)\n  }\n": types.ConfirmEmailChangeDocument,
    "\n  mutation CreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      key\n      apiKey {\n        ...ApiKeyFields\n      }\n    }\n  }\n": types.CreateApiKeyDocument,
    "\n  mutation CreateGroup($input: CreateGroupInput!) {\n    createGroup(input: $input) {\n      ...GroupFields\n    }\n  }\n": types.CreateGroupDocument,
    "\n  mutation CreateOidcClient($input: OidcClientInput!) {\n    createOidcClient(input: $input) {\n      secret\n      client {\n        ...OidcClientFields\n      }\n    }\n  }\n": types.CreateOidcClientDocument,
    "\n  mutation CreateServiceAccount($input: CreateServiceAccountInput!) {\n    createServiceAccount(input: $input) {\n      ...UserFields\n    }\n  }\n": types.CreateServiceAccountDocument,
    "\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      ...UserFields\n    }\n  }\n": types.CreateUserDocument,
    "\n  mutation CreateVariable($name: String!, $value: String!) {\n    createVariable(name: $name, value: $value) {\n      id\n      name\n      updatedAt\n    }\n  }\n": types.CreateVariableDocument,
    "\n  mutation DeleteGroup($id: ID!) {\n    deleteGroup(id: $id)\n  }\n": types.DeleteGroupDocument,
    "\n  mutation DeleteOidcClient($id: ID!) {\n    deleteOidcClient(id: $id)\n  }\n": types.DeleteOidcClientDocument,
    "\n  mutation DeleteUser($userId: ID!, $confirmUsername: String!) {\n    deleteUser(userId: $userId, confirmUsername: $confirmUsername)\n  }\n": types.DeleteUserDocument,
    "\n  mutation DeleteVariable($name: String!) {\n    deleteVariable(name: $name)\n  }\n": types.DeleteVariableDocument,
    "\n  mutation EmailLoginUrl($userId: ID!) {\n    emailLoginUrl(userId: $userId) {\n      url\n      expiresAt\n      warning\n    }\n  }\n": types.EmailLoginUrlDocument,
    "\n  mutation StartGoogleLink {\n    startGoogleLink {\n      url\n    }\n  }\n": types.StartGoogleLinkDocument,
    "\n  mutation UnlinkGoogle {\n    unlinkGoogle {\n      id\n      googleLinked\n    }\n  }\n": types.UnlinkGoogleDocument,
    "\n  fragment GroupFields on Group {\n    id\n    name\n    description\n    memberCount\n    createdAt\n  }\n": types.GroupFieldsFragmentDoc,
    "\n  query GroupMembers($groupId: ID!, $search: String, $first: Int, $after: String) {\n    users(groupId: $groupId, search: $search, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          username\n          email\n        }\n      }\n    }\n  }\n": types.GroupMembersDocument,
    "\n  query Groups {\n    groups {\n      ...GroupFields\n    }\n  }\n": types.GroupsDocument,
    "\n  mutation InviteUser($input: InviteUserInput!, $sendEmail: Boolean) {\n    inviteUser(input: $input, sendEmail: $sendEmail) {\n      user {\n        ...UserFields\n      }\n      emailed\n      loginUrl {\n        url\n        expiresAt\n        warning\n      }\n    }\n  }\n": types.InviteUserDocument,
    "\n  query MagicLinkPreview($token: String!) {\n    magicLinkPreview(token: $token) {\n      appName\n      username\n      email\n      expiresAt\n      passwordReset\n    }\n  }\n": types.MagicLinkPreviewDocument,
    "\n  query MatchingUsers($search: String, $filter: UserFilter, $groupId: ID) {\n    matchingUsers(search: $search, filter: $filter, groupId: $groupId) {\n      ...UserFields\n    }\n  }\n": types.MatchingUsersDocument,
    "\n  query Me {\n    me {\n      ...UserFields\n    }\n  }\n": types.MeDocument,
    "\n  query MyPassword {\n    me {\n      id\n      hasPassword\n    }\n  }\n": types.MyPasswordDocument,
    "\n  query MySessions {\n    mySessions {\n      ...SessionFields\n    }\n  }\n": types.MySessionsDocument,
    "\n  fragment OidcClientFields on OidcClient {\n    id\n    clientId\n    name\n    redirectUris\n    postLogoutRedirectUris\n    isPublic\n    firstParty\n    grantTypes\n    accessTokenFormat\n    appId\n    previousSecretExpiresAt\n    createdAt\n  }\n": types.OidcClientFieldsFragmentDoc,
    "\n  query OidcClients {\n    oidcClients {\n      ...OidcClientFields\n    }\n  }\n": types.OidcClientsDocument,
    "\n  query OidcProvider {\n    oidcProvider {\n      issuer\n      discoveryUrl\n      keyGraceSeconds\n      secretOverlapSeconds\n      signingKeys {\n        kid\n        algorithm\n        createdAt\n        retiredAt\n        publishedUntil\n      }\n    }\n  }\n": types.OidcProviderDocument,
    "\n  mutation Reauthenticate($password: String!) {\n    reauthenticate(password: $password)\n  }\n": types.ReauthenticateDocument,
    "\n  mutation RedeemLink($token: String!) {\n    redeemLink(token: $token) {\n      user {\n        ...UserFields\n      }\n      expiresAt\n      returnTo\n    }\n  }\n": types.RedeemLinkDocument,
    "\n  mutation RemoveGroupMembers($groupId: ID!, $userIds: [ID!]!) {\n    removeGroupMembers(groupId: $groupId, userIds: $userIds) {\n      ...GroupFields\n    }\n  }\n": types.RemoveGroupMembersDocument,
    "\n  mutation RemovePassword($userId: ID!, $force: Boolean) {\n    removePassword(userId: $userId, force: $force) {\n      ...UserFields\n      hasPassword\n    }\n  }\n": types.RemovePasswordDocument,
    "\n  mutation RequestEmailChange($email: String!) {\n    requestEmailChange(email: $email)\n  }\n": types.RequestEmailChangeDocument,
    "\n  mutation RequestMagicLink($email: String!, $next: String) {\n    requestMagicLink(email: $email, next: $next) {\n      accepted\n    }\n  }\n": types.RequestMagicLinkDocument,
    "\n  mutation RequestPasswordReset($login: String!) {\n    requestPasswordReset(login: $login) {\n      accepted\n    }\n  }\n": types.RequestPasswordResetDocument,
    "\n  query ReturnDestination($next: String!) {\n    returnDestination(next: $next)\n  }\n": types.ReturnDestinationDocument,
    "\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id)\n  }\n": types.RevokeApiKeyDocument,
    "\n  mutation RevokeSession($id: ID!) {\n    revokeSession(id: $id)\n  }\n": types.RevokeSessionDocument,
    "\n  mutation RotateOidcClientSecret($id: ID!) {\n    rotateOidcClientSecret(id: $id) {\n      secret\n      client {\n        ...OidcClientFields\n      }\n    }\n  }\n": types.RotateOidcClientSecretDocument,
    "\n  mutation RotateOidcSigningKeys {\n    rotateOidcSigningKeys\n  }\n": types.RotateOidcSigningKeysDocument,
    "\n  mutation RotateSecretKey {\n    rotateSecretKey {\n      rotated\n      alreadyCurrent\n      failed\n      skipped\n      primaryFingerprint\n    }\n  }\n": types.RotateSecretKeyDocument,
    "\n  mutation CreateApp($input: AppInput!) {\n    createApp(input: $input) {\n      ...AppFields\n    }\n  }\n": types.CreateAppDocument,
    "\n  mutation UpdateApp($id: ID!, $input: AppInput!) {\n    updateApp(id: $id, input: $input) {\n      ...AppFields\n    }\n  }\n": types.UpdateAppDocument,
    "\n  mutation DeleteApp($id: ID!) {\n    deleteApp(id: $id)\n  }\n": types.DeleteAppDocument,
    "\n  query SecretKeyStatus {\n    secretKeyStatus {\n      primaryFingerprint\n      generated\n      generatedKeyFile\n      undecryptable\n      keys {\n        fingerprint\n        isPrimary\n        configured\n        ciphertexts\n      }\n    }\n  }\n": types.SecretKeyStatusDocument,
    "\n  query ServerInfo {\n    serverInfo {\n      appName\n      authMode\n      magicLinkDelivery\n      googleSignInEnabled\n      googleClientId\n      newUserIsActive\n      version\n    }\n  }\n": types.ServerInfoDocument,
    "\n  fragment SessionFields on Session {\n    id\n    createdAt\n    lastSeenAt\n    expiresAt\n    userAgent\n    ipAddress\n    current\n    method\n  }\n": types.SessionFieldsFragmentDoc,
    "\n  mutation SetActive($userId: ID!, $active: Boolean!) {\n    setActive(userId: $userId, active: $active) {\n      ...UserFields\n    }\n  }\n": types.SetActiveDocument,
    "\n  mutation SetNewPassword($newPassword: String!, $signOutOtherSessions: Boolean) {\n    setNewPassword(newPassword: $newPassword, signOutOtherSessions: $signOutOtherSessions) {\n      id\n      hasPassword\n    }\n  }\n": types.SetNewPasswordDocument,
    "\n  mutation SetSuperuser($userId: ID!, $superuser: Boolean!) {\n    setSuperuser(userId: $userId, superuser: $superuser) {\n      ...UserFields\n    }\n  }\n": types.SetSuperuserDocument,
    "\n  mutation SetVariable($name: String!, $value: String!) {\n    setVariable(name: $name, value: $value) {\n      id\n      name\n      updatedAt\n    }\n  }\n": types.SetVariableDocument,
    "\n  mutation SignIn($username: String!, $password: String!, $next: String) {\n    signIn(username: $username, password: $password, next: $next) {\n      user {\n        ...UserFields\n      }\n      expiresAt\n      returnTo\n    }\n  }\n": types.SignInDocument,
    "\n  mutation SignOut {\n    signOut\n  }\n": types.SignOutDocument,
    "\n  mutation UnlockSignIn($userId: ID!) {\n    unlockSignIn(userId: $userId)\n  }\n": types.UnlockSignInDocument,
    "\n  mutation UpdateGroup($id: ID!, $input: UpdateGroupInput!) {\n    updateGroup(id: $id, input: $input) {\n      ...GroupFields\n    }\n  }\n": types.UpdateGroupDocument,
    "\n  mutation UpdateMyProfile($displayName: String) {\n    updateMyProfile(displayName: $displayName) {\n      ...UserFields\n    }\n  }\n": types.UpdateMyProfileDocument,
    "\n  mutation UpdateOidcClient($id: ID!, $input: OidcClientInput!) {\n    updateOidcClient(id: $id, input: $input) {\n      secret\n      client {\n        ...OidcClientFields\n      }\n    }\n  }\n": types.UpdateOidcClientDocument,
    "\n  mutation UpdateUser($userId: ID!, $input: UpdateUserInput!) {\n    updateUser(userId: $userId, input: $input) {\n      ...UserFields\n    }\n  }\n": types.UpdateUserDocument,
    "\n  query User($id: ID!) {\n    user(id: $id) {\n      ...UserFields\n      hasPassword\n      description\n      groups {\n        id\n        name\n      }\n      latestMagicLink {\n        origin\n        delivery\n        deliveryAttempts\n        deliveryError\n        deliveryUpdatedAt\n        createdAt\n        expiresAt\n        usedAt\n        superseded\n      }\n    }\n  }\n": types.UserDocument,
    "\n  fragment UserFields on User {\n    id\n    username\n    displayName\n    email\n    emailVerified\n    isActive\n    isSuperuser\n    authMethods\n    hasPassword\n    googleLinked\n    createdAt\n    lastLoginAt\n    isServiceAccount\n  }\n": types.UserFieldsFragmentDoc,
    "\n  query UserSearch($search: String!) {\n    users(search: $search, first: 10) {\n      edges {\n        node {\n          id\n          username\n          email\n        }\n      }\n    }\n  }\n": types.UserSearchDocument,
    "\n  query UserSessions($userId: ID!) {\n    sessions(userId: $userId) {\n      ...SessionFields\n    }\n  }\n": types.UserSessionsDocument,
    "\n  query Users(\n    $search: String\n    $filter: UserFilter\n    $groupId: ID\n    $first: Int\n    $after: String\n  ) {\n    users(search: $search, filter: $filter, groupId: $groupId, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          ...UserFields\n          groups {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n": types.UsersDocument,
    "\n  query VariableValues {\n    variables {\n      name\n      value\n    }\n  }\n": types.VariableValuesDocument,
    "\n  query Variables {\n    variables {\n      id\n      name\n      readable\n      keyFingerprint\n      updatedAt\n    }\n  }\n": types.VariablesDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddGroupMembers($groupId: ID!, $userIds: [ID!]!) {\n    addGroupMembers(groupId: $groupId, userIds: $userIds) {\n      ...GroupFields\n    }\n  }\n"): (typeof documents)["\n  mutation AddGroupMembers($groupId: ID!, $userIds: [ID!]!) {\n    addGroupMembers(groupId: $groupId, userIds: $userIds) {\n      ...GroupFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ApiKeyFields on ApiKey {\n    id\n    name\n    prefix\n    userId\n    username\n    appIds\n    groupIds\n    expiresAt\n    lastUsedAt\n    createdAt\n  }\n"): (typeof documents)["\n  fragment ApiKeyFields on ApiKey {\n    id\n    name\n    prefix\n    userId\n    username\n    appIds\n    groupIds\n    expiresAt\n    lastUsedAt\n    createdAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyApiKeys {\n    myApiKeys {\n      ...ApiKeyFields\n    }\n  }\n"): (typeof documents)["\n  query MyApiKeys {\n    myApiKeys {\n      ...ApiKeyFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UserApiKeys($userId: ID) {\n    apiKeys(userId: $userId) {\n      ...ApiKeyFields\n    }\n  }\n"): (typeof documents)["\n  query UserApiKeys($userId: ID) {\n    apiKeys(userId: $userId) {\n      ...ApiKeyFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AppFields on App {\n    id\n    name\n    hosts\n    access\n    groupNames\n    declared\n    updatedAt\n  }\n"): (typeof documents)["\n  fragment AppFields on App {\n    id\n    name\n    hosts\n    access\n    groupNames\n    declared\n    updatedAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Apps {\n    apps {\n      ...AppFields\n    }\n  }\n"): (typeof documents)["\n  query Apps {\n    apps {\n      ...AppFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditLog(\n    $first: Int\n    $after: String\n    $action: String\n    $targetId: ID\n    $actionContains: String\n    $user: String\n    $since: DateTime\n    $until: DateTime\n  ) {\n    auditLog(\n      first: $first\n      after: $after\n      action: $action\n      targetId: $targetId\n      actionContains: $actionContains\n      user: $user\n      since: $since\n      until: $until\n    ) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          at\n          action\n          actorId\n          actorUsername\n          actorUserExists\n          targetId\n          targetUsername\n          targetUserExists\n          ipAddress\n          detail\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AuditLog(\n    $first: Int\n    $after: String\n    $action: String\n    $targetId: ID\n    $actionContains: String\n    $user: String\n    $since: DateTime\n    $until: DateTime\n  ) {\n    auditLog(\n      first: $first\n      after: $after\n      action: $action\n      targetId: $targetId\n      actionContains: $actionContains\n      user: $user\n      since: $since\n      until: $until\n    ) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          at\n          action\n          actorId\n          actorUsername\n          actorUserExists\n          targetId\n          targetUsername\n          targetUserExists\n          ipAddress\n          detail\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChangePassword(\n    $currentPassword: String!\n    $newPassword: String!\n    $signOutOtherSessions: Boolean\n  ) {\n    changePassword(\n      currentPassword: $currentPassword\n      newPassword: $newPassword\n      signOutOtherSessions: $signOutOtherSessions\n    ) {\n      id\n      hasPassword\n    }\n  }\n"): (typeof documents)["\n  mutation ChangePassword(\n    $currentPassword: String!\n    $newPassword: String!\n    $signOutOtherSessions: Boolean\n  ) {\n    changePassword(\n      currentPassword: $currentPassword\n      newPassword: $newPassword\n      signOutOtherSessions: $signOutOtherSessions\n    ) {\n      id\n      hasPassword\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConfirmEmailChange($token: String!) {\n    confirmEmailChange(token: $token)\n  }\n"): (typeof documents)["\n  mutation ConfirmEmailChange($token: String!) {\n    confirmEmailChange(token: $token)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      key\n      apiKey {\n        ...ApiKeyFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      key\n      apiKey {\n        ...ApiKeyFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateGroup($input: CreateGroupInput!) {\n    createGroup(input: $input) {\n      ...GroupFields\n    }\n  }\n"): (typeof documents)["\n  mutation CreateGroup($input: CreateGroupInput!) {\n    createGroup(input: $input) {\n      ...GroupFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateOidcClient($input: OidcClientInput!) {\n    createOidcClient(input: $input) {\n      secret\n      client {\n        ...OidcClientFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateOidcClient($input: OidcClientInput!) {\n    createOidcClient(input: $input) {\n      secret\n      client {\n        ...OidcClientFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateServiceAccount($input: CreateServiceAccountInput!) {\n    createServiceAccount(input: $input) {\n      ...UserFields\n    }\n  }\n"): (typeof documents)["\n  mutation CreateServiceAccount($input: CreateServiceAccountInput!) {\n    createServiceAccount(input: $input) {\n      ...UserFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      ...UserFields\n    }\n  }\n"): (typeof documents)["\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      ...UserFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateVariable($name: String!, $value: String!) {\n    createVariable(name: $name, value: $value) {\n      id\n      name\n      updatedAt\n    }\n  }\n"): (typeof documents)["\n  mutation CreateVariable($name: String!, $value: String!) {\n    createVariable(name: $name, value: $value) {\n      id\n      name\n      updatedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteGroup($id: ID!) {\n    deleteGroup(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeleteGroup($id: ID!) {\n    deleteGroup(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteOidcClient($id: ID!) {\n    deleteOidcClient(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeleteOidcClient($id: ID!) {\n    deleteOidcClient(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteUser($userId: ID!, $confirmUsername: String!) {\n    deleteUser(userId: $userId, confirmUsername: $confirmUsername)\n  }\n"): (typeof documents)["\n  mutation DeleteUser($userId: ID!, $confirmUsername: String!) {\n    deleteUser(userId: $userId, confirmUsername: $confirmUsername)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteVariable($name: String!) {\n    deleteVariable(name: $name)\n  }\n"): (typeof documents)["\n  mutation DeleteVariable($name: String!) {\n    deleteVariable(name: $name)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EmailLoginUrl($userId: ID!) {\n    emailLoginUrl(userId: $userId) {\n      url\n      expiresAt\n      warning\n    }\n  }\n"): (typeof documents)["\n  mutation EmailLoginUrl($userId: ID!) {\n    emailLoginUrl(userId: $userId) {\n      url\n      expiresAt\n      warning\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StartGoogleLink {\n    startGoogleLink {\n      url\n    }\n  }\n"): (typeof documents)["\n  mutation StartGoogleLink {\n    startGoogleLink {\n      url\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UnlinkGoogle {\n    unlinkGoogle {\n      id\n      googleLinked\n    }\n  }\n"): (typeof documents)["\n  mutation UnlinkGoogle {\n    unlinkGoogle {\n      id\n      googleLinked\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment GroupFields on Group {\n    id\n    name\n    description\n    memberCount\n    createdAt\n  }\n"): (typeof documents)["\n  fragment GroupFields on Group {\n    id\n    name\n    description\n    memberCount\n    createdAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query GroupMembers($groupId: ID!, $search: String, $first: Int, $after: String) {\n    users(groupId: $groupId, search: $search, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          username\n          email\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query GroupMembers($groupId: ID!, $search: String, $first: Int, $after: String) {\n    users(groupId: $groupId, search: $search, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          username\n          email\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Groups {\n    groups {\n      ...GroupFields\n    }\n  }\n"): (typeof documents)["\n  query Groups {\n    groups {\n      ...GroupFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation InviteUser($input: InviteUserInput!, $sendEmail: Boolean) {\n    inviteUser(input: $input, sendEmail: $sendEmail) {\n      user {\n        ...UserFields\n      }\n      emailed\n      loginUrl {\n        url\n        expiresAt\n        warning\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation InviteUser($input: InviteUserInput!, $sendEmail: Boolean) {\n    inviteUser(input: $input, sendEmail: $sendEmail) {\n      user {\n        ...UserFields\n      }\n      emailed\n      loginUrl {\n        url\n        expiresAt\n        warning\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MagicLinkPreview($token: String!) {\n    magicLinkPreview(token: $token) {\n      appName\n      username\n      email\n      expiresAt\n      passwordReset\n    }\n  }\n"): (typeof documents)["\n  query MagicLinkPreview($token: String!) {\n    magicLinkPreview(token: $token) {\n      appName\n      username\n      email\n      expiresAt\n      passwordReset\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MatchingUsers($search: String, $filter: UserFilter, $groupId: ID) {\n    matchingUsers(search: $search, filter: $filter, groupId: $groupId) {\n      ...UserFields\n    }\n  }\n"): (typeof documents)["\n  query MatchingUsers($search: String, $filter: UserFilter, $groupId: ID) {\n    matchingUsers(search: $search, filter: $filter, groupId: $groupId) {\n      ...UserFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Me {\n    me {\n      ...UserFields\n    }\n  }\n"): (typeof documents)["\n  query Me {\n    me {\n      ...UserFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyPassword {\n    me {\n      id\n      hasPassword\n    }\n  }\n"): (typeof documents)["\n  query MyPassword {\n    me {\n      id\n      hasPassword\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MySessions {\n    mySessions {\n      ...SessionFields\n    }\n  }\n"): (typeof documents)["\n  query MySessions {\n    mySessions {\n      ...SessionFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment OidcClientFields on OidcClient {\n    id\n    clientId\n    name\n    redirectUris\n    postLogoutRedirectUris\n    isPublic\n    firstParty\n    grantTypes\n    accessTokenFormat\n    appId\n    previousSecretExpiresAt\n    createdAt\n  }\n"): (typeof documents)["\n  fragment OidcClientFields on OidcClient {\n    id\n    clientId\n    name\n    redirectUris\n    postLogoutRedirectUris\n    isPublic\n    firstParty\n    grantTypes\n    accessTokenFormat\n    appId\n    previousSecretExpiresAt\n    createdAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OidcClients {\n    oidcClients {\n      ...OidcClientFields\n    }\n  }\n"): (typeof documents)["\n  query OidcClients {\n    oidcClients {\n      ...OidcClientFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OidcProvider {\n    oidcProvider {\n      issuer\n      discoveryUrl\n      keyGraceSeconds\n      secretOverlapSeconds\n      signingKeys {\n        kid\n        algorithm\n        createdAt\n        retiredAt\n        publishedUntil\n      }\n    }\n  }\n"): (typeof documents)["\n  query OidcProvider {\n    oidcProvider {\n      issuer\n      discoveryUrl\n      keyGraceSeconds\n      secretOverlapSeconds\n      signingKeys {\n        kid\n        algorithm\n        createdAt\n        retiredAt\n        publishedUntil\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Reauthenticate($password: String!) {\n    reauthenticate(password: $password)\n  }\n"): (typeof documents)["\n  mutation Reauthenticate($password: String!) {\n    reauthenticate(password: $password)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RedeemLink($token: String!) {\n    redeemLink(token: $token) {\n      user {\n        ...UserFields\n      }\n      expiresAt\n      returnTo\n    }\n  }\n"): (typeof documents)["\n  mutation RedeemLink($token: String!) {\n    redeemLink(token: $token) {\n      user {\n        ...UserFields\n      }\n      expiresAt\n      returnTo\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemoveGroupMembers($groupId: ID!, $userIds: [ID!]!) {\n    removeGroupMembers(groupId: $groupId, userIds: $userIds) {\n      ...GroupFields\n    }\n  }\n"): (typeof documents)["\n  mutation RemoveGroupMembers($groupId: ID!, $userIds: [ID!]!) {\n    removeGroupMembers(groupId: $groupId, userIds: $userIds) {\n      ...GroupFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemovePassword($userId: ID!, $force: Boolean) {\n    removePassword(userId: $userId, force: $force) {\n      ...UserFields\n      hasPassword\n    }\n  }\n"): (typeof documents)["\n  mutation RemovePassword($userId: ID!, $force: Boolean) {\n    removePassword(userId: $userId, force: $force) {\n      ...UserFields\n      hasPassword\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestEmailChange($email: String!) {\n    requestEmailChange(email: $email)\n  }\n"): (typeof documents)["\n  mutation RequestEmailChange($email: String!) {\n    requestEmailChange(email: $email)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestMagicLink($email: String!, $next: String) {\n    requestMagicLink(email: $email, next: $next) {\n      accepted\n    }\n  }\n"): (typeof documents)["\n  mutation RequestMagicLink($email: String!, $next: String) {\n    requestMagicLink(email: $email, next: $next) {\n      accepted\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestPasswordReset($login: String!) {\n    requestPasswordReset(login: $login) {\n      accepted\n    }\n  }\n"): (typeof documents)["\n  mutation RequestPasswordReset($login: String!) {\n    requestPasswordReset(login: $login) {\n      accepted\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReturnDestination($next: String!) {\n    returnDestination(next: $next)\n  }\n"): (typeof documents)["\n  query ReturnDestination($next: String!) {\n    returnDestination(next: $next)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id)\n  }\n"): (typeof documents)["\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeSession($id: ID!) {\n    revokeSession(id: $id)\n  }\n"): (typeof documents)["\n  mutation RevokeSession($id: ID!) {\n    revokeSession(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RotateOidcClientSecret($id: ID!) {\n    rotateOidcClientSecret(id: $id) {\n      secret\n      client {\n        ...OidcClientFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RotateOidcClientSecret($id: ID!) {\n    rotateOidcClientSecret(id: $id) {\n      secret\n      client {\n        ...OidcClientFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RotateOidcSigningKeys {\n    rotateOidcSigningKeys\n  }\n"): (typeof documents)["\n  mutation RotateOidcSigningKeys {\n    rotateOidcSigningKeys\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RotateSecretKey {\n    rotateSecretKey {\n      rotated\n      alreadyCurrent\n      failed\n      skipped\n      primaryFingerprint\n    }\n  }\n"): (typeof documents)["\n  mutation RotateSecretKey {\n    rotateSecretKey {\n      rotated\n      alreadyCurrent\n      failed\n      skipped\n      primaryFingerprint\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateApp($input: AppInput!) {\n    createApp(input: $input) {\n      ...AppFields\n    }\n  }\n"): (typeof documents)["\n  mutation CreateApp($input: AppInput!) {\n    createApp(input: $input) {\n      ...AppFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateApp($id: ID!, $input: AppInput!) {\n    updateApp(id: $id, input: $input) {\n      ...AppFields\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateApp($id: ID!, $input: AppInput!) {\n    updateApp(id: $id, input: $input) {\n      ...AppFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteApp($id: ID!) {\n    deleteApp(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeleteApp($id: ID!) {\n    deleteApp(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SecretKeyStatus {\n    secretKeyStatus {\n      primaryFingerprint\n      generated\n      generatedKeyFile\n      undecryptable\n      keys {\n        fingerprint\n        isPrimary\n        configured\n        ciphertexts\n      }\n    }\n  }\n"): (typeof documents)["\n  query SecretKeyStatus {\n    secretKeyStatus {\n      primaryFingerprint\n      generated\n      generatedKeyFile\n      undecryptable\n      keys {\n        fingerprint\n        isPrimary\n        configured\n        ciphertexts\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ServerInfo {\n    serverInfo {\n      appName\n      authMode\n      magicLinkDelivery\n      googleSignInEnabled\n      googleClientId\n      newUserIsActive\n      version\n    }\n  }\n"): (typeof documents)["\n  query ServerInfo {\n    serverInfo {\n      appName\n      authMode\n      magicLinkDelivery\n      googleSignInEnabled\n      googleClientId\n      newUserIsActive\n      version\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SessionFields on Session {\n    id\n    createdAt\n    lastSeenAt\n    expiresAt\n    userAgent\n    ipAddress\n    current\n    method\n  }\n"): (typeof documents)["\n  fragment SessionFields on Session {\n    id\n    createdAt\n    lastSeenAt\n    expiresAt\n    userAgent\n    ipAddress\n    current\n    method\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetActive($userId: ID!, $active: Boolean!) {\n    setActive(userId: $userId, active: $active) {\n      ...UserFields\n    }\n  }\n"): (typeof documents)["\n  mutation SetActive($userId: ID!, $active: Boolean!) {\n    setActive(userId: $userId, active: $active) {\n      ...UserFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetNewPassword($newPassword: String!, $signOutOtherSessions: Boolean) {\n    setNewPassword(newPassword: $newPassword, signOutOtherSessions: $signOutOtherSessions) {\n      id\n      hasPassword\n    }\n  }\n"): (typeof documents)["\n  mutation SetNewPassword($newPassword: String!, $signOutOtherSessions: Boolean) {\n    setNewPassword(newPassword: $newPassword, signOutOtherSessions: $signOutOtherSessions) {\n      id\n      hasPassword\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetSuperuser($userId: ID!, $superuser: Boolean!) {\n    setSuperuser(userId: $userId, superuser: $superuser) {\n      ...UserFields\n    }\n  }\n"): (typeof documents)["\n  mutation SetSuperuser($userId: ID!, $superuser: Boolean!) {\n    setSuperuser(userId: $userId, superuser: $superuser) {\n      ...UserFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetVariable($name: String!, $value: String!) {\n    setVariable(name: $name, value: $value) {\n      id\n      name\n      updatedAt\n    }\n  }\n"): (typeof documents)["\n  mutation SetVariable($name: String!, $value: String!) {\n    setVariable(name: $name, value: $value) {\n      id\n      name\n      updatedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignIn($username: String!, $password: String!, $next: String) {\n    signIn(username: $username, password: $password, next: $next) {\n      user {\n        ...UserFields\n      }\n      expiresAt\n      returnTo\n    }\n  }\n"): (typeof documents)["\n  mutation SignIn($username: String!, $password: String!, $next: String) {\n    signIn(username: $username, password: $password, next: $next) {\n      user {\n        ...UserFields\n      }\n      expiresAt\n      returnTo\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignOut {\n    signOut\n  }\n"): (typeof documents)["\n  mutation SignOut {\n    signOut\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UnlockSignIn($userId: ID!) {\n    unlockSignIn(userId: $userId)\n  }\n"): (typeof documents)["\n  mutation UnlockSignIn($userId: ID!) {\n    unlockSignIn(userId: $userId)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateGroup($id: ID!, $input: UpdateGroupInput!) {\n    updateGroup(id: $id, input: $input) {\n      ...GroupFields\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateGroup($id: ID!, $input: UpdateGroupInput!) {\n    updateGroup(id: $id, input: $input) {\n      ...GroupFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateMyProfile($displayName: String) {\n    updateMyProfile(displayName: $displayName) {\n      ...UserFields\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateMyProfile($displayName: String) {\n    updateMyProfile(displayName: $displayName) {\n      ...UserFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateOidcClient($id: ID!, $input: OidcClientInput!) {\n    updateOidcClient(id: $id, input: $input) {\n      secret\n      client {\n        ...OidcClientFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateOidcClient($id: ID!, $input: OidcClientInput!) {\n    updateOidcClient(id: $id, input: $input) {\n      secret\n      client {\n        ...OidcClientFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateUser($userId: ID!, $input: UpdateUserInput!) {\n    updateUser(userId: $userId, input: $input) {\n      ...UserFields\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateUser($userId: ID!, $input: UpdateUserInput!) {\n    updateUser(userId: $userId, input: $input) {\n      ...UserFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query User($id: ID!) {\n    user(id: $id) {\n      ...UserFields\n      hasPassword\n      description\n      groups {\n        id\n        name\n      }\n      latestMagicLink {\n        origin\n        delivery\n        deliveryAttempts\n        deliveryError\n        deliveryUpdatedAt\n        createdAt\n        expiresAt\n        usedAt\n        superseded\n      }\n    }\n  }\n"): (typeof documents)["\n  query User($id: ID!) {\n    user(id: $id) {\n      ...UserFields\n      hasPassword\n      description\n      groups {\n        id\n        name\n      }\n      latestMagicLink {\n        origin\n        delivery\n        deliveryAttempts\n        deliveryError\n        deliveryUpdatedAt\n        createdAt\n        expiresAt\n        usedAt\n        superseded\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment UserFields on User {\n    id\n    username\n    displayName\n    email\n    emailVerified\n    isActive\n    isSuperuser\n    authMethods\n    hasPassword\n    googleLinked\n    createdAt\n    lastLoginAt\n    isServiceAccount\n  }\n"): (typeof documents)["\n  fragment UserFields on User {\n    id\n    username\n    displayName\n    email\n    emailVerified\n    isActive\n    isSuperuser\n    authMethods\n    hasPassword\n    googleLinked\n    createdAt\n    lastLoginAt\n    isServiceAccount\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UserSearch($search: String!) {\n    users(search: $search, first: 10) {\n      edges {\n        node {\n          id\n          username\n          email\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query UserSearch($search: String!) {\n    users(search: $search, first: 10) {\n      edges {\n        node {\n          id\n          username\n          email\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UserSessions($userId: ID!) {\n    sessions(userId: $userId) {\n      ...SessionFields\n    }\n  }\n"): (typeof documents)["\n  query UserSessions($userId: ID!) {\n    sessions(userId: $userId) {\n      ...SessionFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Users(\n    $search: String\n    $filter: UserFilter\n    $groupId: ID\n    $first: Int\n    $after: String\n  ) {\n    users(search: $search, filter: $filter, groupId: $groupId, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          ...UserFields\n          groups {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Users(\n    $search: String\n    $filter: UserFilter\n    $groupId: ID\n    $first: Int\n    $after: String\n  ) {\n    users(search: $search, filter: $filter, groupId: $groupId, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          ...UserFields\n          groups {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query VariableValues {\n    variables {\n      name\n      value\n    }\n  }\n"): (typeof documents)["\n  query VariableValues {\n    variables {\n      name\n      value\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Variables {\n    variables {\n      id\n      name\n      readable\n      keyFingerprint\n      updatedAt\n    }\n  }\n"): (typeof documents)["\n  query Variables {\n    variables {\n      id\n      name\n      readable\n      keyFingerprint\n      updatedAt\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;