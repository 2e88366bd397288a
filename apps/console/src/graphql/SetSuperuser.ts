import { graphql } from "../gql";

export const SetSuperuserMutation = graphql(`
  mutation SetSuperuser($userId: ID!, $superuser: Boolean!) {
    setSuperuser(userId: $userId, superuser: $superuser) {
      ...UserFields
    }
  }
`);
