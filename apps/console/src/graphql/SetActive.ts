import { graphql } from "../gql";

export const SetActiveMutation = graphql(`
  mutation SetActive($userId: ID!, $active: Boolean!) {
    setActive(userId: $userId, active: $active) {
      ...UserFields
    }
  }
`);
