import { graphql } from "../gql";

export const RemoveGroupMembersMutation = graphql(`
  mutation RemoveGroupMembers($groupId: ID!, $userIds: [ID!]!) {
    removeGroupMembers(groupId: $groupId, userIds: $userIds) {
      ...GroupFields
    }
  }
`);
