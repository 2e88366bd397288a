import { createRequire } from "node:module";
import { defineConfig } from "vitest/config";

const require = createRequire(new URL("./apps/api/package.json", import.meta.url));

export default defineConfig({
  oxc: { decorator: { legacy: true, emitDecoratorMetadata: true } },
  resolve: {
    // Node resolves graphql to its CommonJS build (no "exports" map); Vite would pick the .mjs
    // one for our files while type-graphql keeps the CommonJS one: two realms. Pin it to one.
    alias: [{ find: /^graphql$/, replacement: require.resolve("graphql") }],
  },
  test: {
    include: [
      "packages/*/src/**/*.test.ts",
      "apps/api/src/**/*.test.ts",
      "apps/api/test/**/*.test.ts",
      "apps/console/e2e/**/*.test.ts",
      "scripts/**/*.test.mjs",
      "examples/*/src/**/*.test.ts",
    ],
    pool: "forks",
    // Two cores here: two files at a time keeps PGlite start-up and argon2 from starving each other.
    maxWorkers: 2,
    // Backstops for a hung test, not waits: tests wait for events. They sit far above a slow
    // run on a busy two-core machine (eight PGlite start-ups at once), where CI once went red.
    testTimeout: 120_000,
    hookTimeout: 180_000,
    setupFiles: ["./apps/api/test/setup.ts"],
    globalSetup: ["./apps/api/test/global-setup.ts"],
    reporters: ["default"],
  },
});
