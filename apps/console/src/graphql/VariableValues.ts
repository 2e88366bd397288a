import { graphql } from "../gql";

/** Fetched with no-cache on Reveal only, so values never sit in the Apollo cache. */
export const VariableValuesQuery = graphql(`
  query VariableValues {
    variables {
      name
      value
    }
  }
`);
