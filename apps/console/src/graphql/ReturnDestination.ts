import { graphql } from "../gql";

export const ReturnDestinationQuery = graphql(`
  query ReturnDestination($next: String!) {
    returnDestination(next: $next)
  }
`);
