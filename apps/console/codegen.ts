import type { CodegenConfig } from "@graphql-codegen/cli";

// Typed documents come from the API's committed SDL, so the console never drifts from the server.
const config: CodegenConfig = {
  schema: "../api/schema.graphql",
  documents: ["src/graphql/**/*.ts"],
  ignoreNoDocuments: true,
  generates: {
    "src/gql/": {
      preset: "client",
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { DateTime: "string" },
      },
    },
  },
};

export default config;
