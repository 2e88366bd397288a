import { graphql } from "../gql";

export const DeleteUserMutation = graphql(`
  mutation DeleteUser($userId: ID!, $confirmUsername: String!) {
    deleteUser(userId: $userId, confirmUsername: $confirmUsername)
  }
`);
