import { graphql } from "../gql";

export const AuditLogQuery = graphql(`
  query AuditLog($first: Int, $after: String, $action: String, $targetId: ID) {
    auditLog(first: $first, after: $after, action: $action, targetId: $targetId) {
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
          targetId
          ipAddress
          detail
        }
      }
    }
  }
`);
