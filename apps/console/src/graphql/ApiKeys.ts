import { graphql } from "../gql";

/** What every API key list shows (never the key: it is shown once, at creation). */
export const ApiKeyFieldsFragment = graphql(`
  fragment ApiKeyFields on ApiKey {
    id
    name
    prefix
    userId
    username
    appIds
    groupIds
    expiresAt
    lastUsedAt
    createdAt
  }
`);

export const MyApiKeysQuery = graphql(`
  query MyApiKeys {
    myApiKeys {
      ...ApiKeyFields
    }
  }
`);

export const UserApiKeysQuery = graphql(`
  query UserApiKeys($userId: ID) {
    apiKeys(userId: $userId) {
      ...ApiKeyFields
    }
  }
`);
