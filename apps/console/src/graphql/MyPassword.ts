import { graphql } from "../gql";

/** Whether I have a password: the Account page offers "change" or "set". */
export const MyPasswordQuery = graphql(`
  query MyPassword {
    me {
      id
      hasPassword
    }
  }
`);
