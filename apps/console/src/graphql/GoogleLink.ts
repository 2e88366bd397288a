import { graphql } from "../gql";

export const StartGoogleLinkMutation = graphql(`
  mutation StartGoogleLink {
    startGoogleLink {
      url
    }
  }
`);

export const UnlinkGoogleMutation = graphql(`
  mutation UnlinkGoogle {
    unlinkGoogle {
      id
      googleLinked
    }
  }
`);
