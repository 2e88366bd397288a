import { graphql } from "../gql";

export const RequestMagicLinkMutation = graphql(`
  mutation RequestMagicLink($email: String!, $next: String) {
    requestMagicLink(email: $email, next: $next) {
      accepted
    }
  }
`);
