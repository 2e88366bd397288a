import { graphql } from "../gql";

// Names only: values stay on the server until someone asks to reveal one. `readable` and
// `keyFingerprint` let the list mark a value this server's keys cannot open.
export const VariablesQuery = graphql(`
  query Variables {
    variables {
      id
      name
      readable
      keyFingerprint
      updatedAt
    }
  }
`);
