import { graphql } from "../gql";

export const UsersQuery = graphql(`
  query Users($search: String, $filter: UserFilter, $first: Int, $after: String) {
    users(search: $search, filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          ...UserFields
        }
      }
    }
  }
`);
