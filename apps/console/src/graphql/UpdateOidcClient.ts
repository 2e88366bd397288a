import { graphql } from "../gql";

export const UpdateOidcClientMutation = graphql(`
  mutation UpdateOidcClient($id: ID!, $input: OidcClientInput!) {
    updateOidcClient(id: $id, input: $input) {
      secret
      client {
        ...OidcClientFields
      }
    }
  }
`);
