import { graphql } from "../gql";

export const EmailLoginUrlMutation = graphql(`
  mutation EmailLoginUrl($userId: ID!) {
    emailLoginUrl(userId: $userId) {
      url
      expiresAt
      warning
    }
  }
`);
