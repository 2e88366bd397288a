import { graphql } from "../gql";

export const DeleteOidcClientMutation = graphql(`
  mutation DeleteOidcClient($id: ID!) {
    deleteOidcClient(id: $id)
  }
`);
