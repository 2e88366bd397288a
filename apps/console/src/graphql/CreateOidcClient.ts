import { graphql } from "../gql";

export const CreateOidcClientMutation = graphql(`
  mutation CreateOidcClient($input: OidcClientInput!) {
    createOidcClient(input: $input) {
      secret
      client {
        ...OidcClientFields
      }
    }
  }
`);
