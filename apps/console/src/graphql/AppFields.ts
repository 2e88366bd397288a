import { graphql } from "../gql";

export const AppFieldsFragment = graphql(`
  fragment AppFields on App {
    id
    name
    hosts
    access
    groupNames
    declared
    updatedAt
  }
`);
