import { graphql } from "../gql";

/** New User without a password: created with their first sign-in link, handed over or emailed. */
export const InviteUserMutation = graphql(`
  mutation InviteUser($input: InviteUserInput!, $sendEmail: Boolean) {
    inviteUser(input: $input, sendEmail: $sendEmail) {
      user {
        ...UserFields
      }
      emailed
      loginUrl {
        url
        expiresAt
        warning
      }
    }
  }
`);
