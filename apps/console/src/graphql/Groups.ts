import { graphql } from "../gql";

export const GroupsQuery = graphql(`
  query Groups {
    groups {
      ...GroupFields
    }
  }
`);
