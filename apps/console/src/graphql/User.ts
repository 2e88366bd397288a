import { graphql } from "../gql";

export const UserQuery = graphql(`
  query User($id: ID!) {
    user(id: $id) {
      ...UserFields
      hasPassword
      description
      groups {
        id
        name
      }
      latestMagicLink {
        origin
        delivery
        deliveryAttempts
        deliveryError
        deliveryUpdatedAt
        createdAt
        expiresAt
        usedAt
        superseded
      }
    }
  }
`);
