import { graphql } from "../gql";

export const RequestMagicLinkMutation = graphql(`
  mutation RequestMagicLink($email: String!) {
    requestMagicLink(email: $email) {
      accepted
    }
  }
`);
