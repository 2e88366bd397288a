import { graphql } from "../gql";

export const SecretKeyStatusQuery = graphql(`
  query SecretKeyStatus {
    secretKeyStatus {
      primaryFingerprint
      generated
      generatedKeyFile
      undecryptable
      keys {
        fingerprint
        isPrimary
        configured
        ciphertexts
      }
    }
  }
`);
