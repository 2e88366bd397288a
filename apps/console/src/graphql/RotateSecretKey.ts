import { graphql } from "../gql";

export const RotateSecretKeyMutation = graphql(`
  mutation RotateSecretKey {
    rotateSecretKey {
      rotated
      alreadyCurrent
      failed
      skipped
      primaryFingerprint
    }
  }
`);
