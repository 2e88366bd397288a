/** Limits shared by the API (enforced) and the console (checked before submit). */
export const Limits = {
  usernameMin: 3,
  usernameMax: 64,
  emailMax: 254,
  /** A person's shown name (Remote-Name, the OIDC name claim), in characters. */
  displayNameMax: 100,
  passwordMin: 8,
  /** A superuser's password: longer, since it guards everything. */
  superuserPasswordMin: 12,
  /** argon2 input beyond this is pointless and an easy DoS lever. */
  passwordMax: 256,
  variableNameMax: 128,
  variableValueMaxBytes: 64 * 1024,
  variablesPerUser: 500,
  pageSizeMax: 100,
  pageSizeDefault: 50,
  searchMax: 100,
  userAgentMax: 512,
  groupNameMax: 64,
  groupDescriptionMax: 256,
  /** Users added to or removed from a group in one call. */
  groupMembersPerCall: 500,
  /** Users one "all matching" selection may hold (matchingUsers), so a bulk action stays bounded. */
  matchingUsersMax: 500,
} as const;
