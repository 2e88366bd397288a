import { graphql } from "../gql";

export const UpdateUserMutation = graphql(`
  mutation UpdateUser($userId: ID!, $input: UpdateUserInput!) {
    updateUser(userId: $userId, input: $input) {
      ...UserFields
    }
  }
`);
