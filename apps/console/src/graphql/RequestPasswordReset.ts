import { graphql } from "../gql";

export const RequestPasswordResetMutation = graphql(`
  mutation RequestPasswordReset($login: String!) {
    requestPasswordReset(login: $login) {
      accepted
    }
  }
`);
