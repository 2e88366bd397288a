import { graphql } from "../gql";

export const UnlockSignInMutation = graphql(`
  mutation UnlockSignIn($userId: ID!) {
    unlockSignIn(userId: $userId)
  }
`);
