import { graphql } from "../gql";

export const CreateAppMutation = graphql(`
  mutation CreateApp($input: AppInput!) {
    createApp(input: $input) {
      ...AppFields
    }
  }
`);

export const UpdateAppMutation = graphql(`
  mutation UpdateApp($id: ID!, $input: AppInput!) {
    updateApp(id: $id, input: $input) {
      ...AppFields
    }
  }
`);

export const DeleteAppMutation = graphql(`
  mutation DeleteApp($id: ID!) {
    deleteApp(id: $id)
  }
`);
