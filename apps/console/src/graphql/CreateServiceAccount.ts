import { graphql } from "../gql";

export const CreateServiceAccountMutation = graphql(`
  mutation CreateServiceAccount($input: CreateServiceAccountInput!) {
    createServiceAccount(input: $input) {
      ...UserFields
    }
  }
`);
