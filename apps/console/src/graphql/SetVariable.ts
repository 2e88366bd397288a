import { graphql } from "../gql";

// The value is not read back: the list never holds values.
export const SetVariableMutation = graphql(`
  mutation SetVariable($name: String!, $value: String!) {
    setVariable(name: $name, value: $value) {
      id
      name
      updatedAt
    }
  }
`);
