import { graphql } from "../gql";

export const DeleteVariableMutation = graphql(`
  mutation DeleteVariable($name: String!) {
    deleteVariable(name: $name)
  }
`);
