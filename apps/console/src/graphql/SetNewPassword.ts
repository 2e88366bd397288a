import { graphql } from "../gql";

/** Right after signing in by link: a new password without the old one. */
export const SetNewPasswordMutation = graphql(`
  mutation SetNewPassword($newPassword: String!, $signOutOtherSessions: Boolean) {
    setNewPassword(newPassword: $newPassword, signOutOtherSessions: $signOutOtherSessions) {
      id
      hasPassword
    }
  }
`);
