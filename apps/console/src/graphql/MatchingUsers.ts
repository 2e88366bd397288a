import { graphql } from "../gql";

/** Every user the list shows for this search and filter: "select all N matching". */
export const MatchingUsersQuery = graphql(`
  query MatchingUsers($search: String, $filter: UserFilter, $groupId: ID) {
    matchingUsers(search: $search, filter: $filter, groupId: $groupId) {
      ...UserFields
    }
  }
`);
