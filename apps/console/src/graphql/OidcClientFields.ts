import { graphql } from "../gql";

export const OidcClientFieldsFragment = graphql(`
  fragment OidcClientFields on OidcClient {
    id
    clientId
    name
    redirectUris
    postLogoutRedirectUris
    isPublic
    firstParty
    grantTypes
    accessTokenFormat
    appId
    previousSecretExpiresAt
    createdAt
  }
`);
