import { graphql } from "../gql";

export const RemovePasswordMutation = graphql(`
  mutation RemovePassword($userId: ID!, $force: Boolean) {
    removePassword(userId: $userId, force: $force) {
      ...UserFields
      hasPassword
    }
  }
`);
