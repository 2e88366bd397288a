import { graphql } from "../gql";

// The token is deliberately not selected: the console relies on the HttpOnly cookie.
export const SignInMutation = graphql(`
  mutation SignIn($username: String!, $password: String!) {
    signIn(username: $username, password: $password) {
      user {
        ...UserFields
      }
      expiresAt
    }
  }
`);
