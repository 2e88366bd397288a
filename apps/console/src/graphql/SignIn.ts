import { graphql } from "../gql";

// The token is deliberately not selected: the console relies on the HttpOnly cookie.
// `next` is the sign-in page's own; `returnTo` is the server's checked answer to it.
export const SignInMutation = graphql(`
  mutation SignIn($username: String!, $password: String!, $next: String) {
    signIn(username: $username, password: $password, next: $next) {
      user {
        ...UserFields
      }
      expiresAt
      returnTo
    }
  }
`);
