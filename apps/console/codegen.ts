import type { CodegenConfig } from "@graphql-codegen/cli";

// Typed documents come from the API's committed SDL, so the console never drifts from the server.
const config: CodegenConfig = {
  // CONSOLE_SCHEMA lets a developer try operations against a schema that has not landed yet;
  // builds always use the committed SDL.
  schema: process.env.CONSOLE_SCHEMA || "../api/schema.graphql",
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
