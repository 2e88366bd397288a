import { graphql } from "../gql";

export const OidcProviderQuery = graphql(`
  query OidcProvider {
    oidcProvider {
      issuer
      discoveryUrl
      keyGraceSeconds
      secretOverlapSeconds
      signingKeys {
        kid
        algorithm
        createdAt
        retiredAt
        publishedUntil
      }
    }
  }
`);
