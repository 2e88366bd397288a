import { graphql } from "../gql";

// Names only: values stay on the server until someone asks to reveal one.
export const VariablesQuery = graphql(`
  query Variables {
    variables {
      id
      name
      updatedAt
    }
  }
`);
