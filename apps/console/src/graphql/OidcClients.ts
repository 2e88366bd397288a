import { graphql } from "../gql";

export const OidcClientsQuery = graphql(`
  query OidcClients {
    oidcClients {
      ...OidcClientFields
    }
  }
`);
