import { graphql } from "../gql";

export const ReauthenticateMutation = graphql(`
  mutation Reauthenticate($password: String!) {
    reauthenticate(password: $password)
  }
`);
