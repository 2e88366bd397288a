import { graphql } from "../gql";

/** Users to pick from by username (adding members). */
export const UserSearchQuery = graphql(`
  query UserSearch($search: String!) {
    users(search: $search, first: 10) {
      edges {
        node {
          id
          username
          email
        }
      }
    }
  }
`);
