import { graphql } from "../gql";

export const UpdateMyProfileMutation = graphql(`
  mutation UpdateMyProfile($displayName: String) {
    updateMyProfile(displayName: $displayName) {
      ...UserFields
    }
  }
`);
