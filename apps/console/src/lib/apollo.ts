import { ApolloClient, HttpLink, InMemoryCache } from "@apollo/client";

/**
 * Same-origin only: the session lives in the HttpOnly cookie the API sets, so the console
 * never handles a token. The preflight header satisfies Apollo's CSRF prevention (a
 * cross-site form post cannot set it).
 */
export function createClient(): ApolloClient {
  return new ApolloClient({
    link: new HttpLink({
      uri: "/graphql",
      credentials: "same-origin",
      headers: { "apollo-require-preflight": "true" },
    }),
    cache: new InMemoryCache(),
    defaultOptions: {
      watchQuery: { fetchPolicy: "cache-and-network" },
    },
  });
}
