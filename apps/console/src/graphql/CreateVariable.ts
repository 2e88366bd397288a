import { graphql } from "../gql";

// "Add variable": refused with VARIABLE_EXISTS instead of replacing a value the owner cannot see.
export const CreateVariableMutation = graphql(`
  mutation CreateVariable($name: String!, $value: String!) {
    createVariable(name: $name, value: $value) {
      id
      name
      updatedAt
    }
  }
`);
