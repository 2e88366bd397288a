import { graphql } from "../gql";

export const RotateOidcClientSecretMutation = graphql(`
  mutation RotateOidcClientSecret($id: ID!) {
    rotateOidcClientSecret(id: $id) {
      secret
      client {
        ...OidcClientFields
      }
    }
  }
`);
