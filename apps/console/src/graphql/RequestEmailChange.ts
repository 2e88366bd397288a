import { graphql } from "../gql";

export const RequestEmailChangeMutation = graphql(`
  mutation RequestEmailChange($email: String!) {
    requestEmailChange(email: $email)
  }
`);
