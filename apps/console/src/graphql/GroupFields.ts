import { graphql } from "../gql";

/** What the Groups page and pickers show of a group. */
export const GroupFieldsFragment = graphql(`
  fragment GroupFields on Group {
    id
    name
    description
    memberCount
    createdAt
  }
`);
