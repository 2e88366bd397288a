import { graphql } from "../gql";

export const AuditLogQuery = graphql(`
  query AuditLog(
    $first: Int
    $after: String
    $action: String
    $targetId: ID
    $actionContains: String
    $user: String
    $since: DateTime
    $until: DateTime
  ) {
    auditLog(
      first: $first
      after: $after
      action: $action
      targetId: $targetId
      actionContains: $actionContains
      user: $user
      since: $since
      until: $until
    ) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          id
          at
          action
          actorId
          actorUsername
          actorUserExists
          targetId
          targetUsername
          targetUserExists
          ipAddress
          detail
        }
      }
    }
  }
`);
