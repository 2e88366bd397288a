import { graphql } from "../gql";

export const ChangePasswordMutation = graphql(`
  mutation ChangePassword(
    $currentPassword: String!
    $newPassword: String!
    $signOutOtherSessions: Boolean
  ) {
    changePassword(
      currentPassword: $currentPassword
      newPassword: $newPassword
      signOutOtherSessions: $signOutOtherSessions
    ) {
      id
      hasPassword
    }
  }
`);
