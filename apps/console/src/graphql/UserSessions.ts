import { graphql } from "../gql";

export const UserSessionsQuery = graphql(`
  query UserSessions($userId: ID!) {
    sessions(userId: $userId) {
      ...SessionFields
    }
  }
`);
