import { graphql } from "../gql";

/** A group's members are a users page filtered by group (search narrows it further). */
export const GroupMembersQuery = graphql(`
  query GroupMembers($groupId: ID!, $search: String, $first: Int, $after: String) {
    users(groupId: $groupId, search: $search, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
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
