import { graphql } from "../gql";

// No token in the selection: the session arrives as the HttpOnly cookie.
export const RedeemLinkMutation = graphql(`
  mutation RedeemLink($token: String!) {
    redeemLink(token: $token) {
      user {
        ...UserFields
      }
      expiresAt
      returnTo
    }
  }
`);
