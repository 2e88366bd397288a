import {
  ApolloClient,
  ApolloLink,
  CombinedGraphQLErrors,
  HttpLink,
  InMemoryCache,
} from "@apollo/client";
import { ErrorLink } from "@apollo/client/link/error";
import { ErrorCode } from "@gatehouse/shared";

/**
 * Same-origin only: the session lives in the HttpOnly cookie the API sets, so the console
 * never handles a token. The preflight header satisfies Apollo's CSRF prevention (a
 * cross-site form post cannot set it).
 *
 * `onSessionEnded` runs when the server says a request is UNAUTHENTICATED: the session was
 * revoked, expired, or the account was deactivated, and the person must sign in again.
 */
export function createClient(onSessionEnded: () => void): ApolloClient {
  const sessionWatch = new ErrorLink(({ error }) => {
    if (
      CombinedGraphQLErrors.is(error) &&
      error.errors.some((e) => e.extensions?.code === ErrorCode.UNAUTHENTICATED)
    ) {
      onSessionEnded();
    }
  });
  return new ApolloClient({
    link: ApolloLink.from([
      sessionWatch,
      new HttpLink({
        uri: "/graphql",
        credentials: "same-origin",
        headers: { "apollo-require-preflight": "true" },
      }),
    ]),
    cache: new InMemoryCache(),
    defaultOptions: {
      watchQuery: { fetchPolicy: "cache-and-network" },
    },
  });
}
