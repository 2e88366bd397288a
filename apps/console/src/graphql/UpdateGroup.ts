import { graphql } from "../gql";

export const UpdateGroupMutation = graphql(`
  mutation UpdateGroup($id: ID!, $input: UpdateGroupInput!) {
    updateGroup(id: $id, input: $input) {
      ...GroupFields
    }
  }
`);
