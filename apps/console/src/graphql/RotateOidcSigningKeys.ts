import { graphql } from "../gql";

export const RotateOidcSigningKeysMutation = graphql(`
  mutation RotateOidcSigningKeys {
    rotateOidcSigningKeys
  }
`);
