import { graphql } from "../gql";

export const AppsQuery = graphql(`
  query Apps {
    apps {
      ...AppFields
    }
  }
`);
