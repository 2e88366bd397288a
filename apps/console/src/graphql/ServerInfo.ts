import { graphql } from "../gql";

export const ServerInfoQuery = graphql(`
  query ServerInfo {
    serverInfo {
      appName
      authMode
      magicLinkDelivery
      googleSignInEnabled
      googleClientId
      newUserIsActive
      version
    }
  }
`);
