import { graphql } from "../gql";

export const SessionFieldsFragment = graphql(`
  fragment SessionFields on Session {
    id
    createdAt
    lastSeenAt
    expiresAt
    userAgent
    ipAddress
    current
    method
  }
`);
