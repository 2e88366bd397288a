import { resolve } from "node:path";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// Two entries: the console (index.html) and the offline GraphiQL playground (playground.html),
// so the heavy editor never lands in the console's initial bundle.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
    rolldownOptions: {
      // graphiql ships "use no memo" directives; dropping them while bundling is harmless.
      onwarn(warning, warn) {
        if (warning.code === "MODULE_LEVEL_DIRECTIVE") return;
        warn(warning);
      },
      input: {
        main: resolve(import.meta.dirname, "index.html"),
        playground: resolve(import.meta.dirname, "playground.html"),
      },
    },
  },
  server: {
    proxy: { "/graphql": "http://127.0.0.1:7861", "/auth/google": "http://127.0.0.1:7861" },
  },
});
