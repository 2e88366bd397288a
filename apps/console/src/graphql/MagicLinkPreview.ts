import { graphql } from "../gql";

/** Who a link signs in, without using it up. */
export const MagicLinkPreviewQuery = graphql(`
  query MagicLinkPreview($token: String!) {
    magicLinkPreview(token: $token) {
      appName
      username
      email
      expiresAt
      passwordReset
    }
  }
`);
