import { resolve } from "node:path";

// Files the server finds relative to its own code. The build bundles the API into a few files
// at the top of dist/ (scripts/build.mjs), so a path written relative to a module deeper in
// src/ would point elsewhere once built; written here, at the top of src/, it holds in the
// sources (tsx, vitest) and in the bundle alike.

/** The built console, served at / unless GATEHOUSE_CONSOLE_DIR says otherwise. */
export const DEFAULT_CONSOLE_DIR = resolve(import.meta.dirname, "../../console/dist");

/** The embedded database's thread (plain JavaScript; the build copies it as it is). */
export const EMBEDDED_THREAD = new URL("./db/embedded-thread.mjs", import.meta.url);
