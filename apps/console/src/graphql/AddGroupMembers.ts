import { graphql } from "../gql";

export const AddGroupMembersMutation = graphql(`
  mutation AddGroupMembers($groupId: ID!, $userIds: [ID!]!) {
    addGroupMembers(groupId: $groupId, userIds: $userIds) {
      ...GroupFields
    }
  }
`);
