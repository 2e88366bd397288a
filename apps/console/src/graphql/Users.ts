import { graphql } from "../gql";

export const UsersQuery = graphql(`
  query Users(
    $search: String
    $filter: UserFilter
    $groupId: ID
    $first: Int
    $after: String
  ) {
    users(search: $search, filter: $filter, groupId: $groupId, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          ...UserFields
          groups {
            id
            name
          }
        }
      }
    }
  }
`);
