// Builds the API to JavaScript in dist/, in two steps:
//  1. tsc compiles src/ into a scratch folder, emitting the decorator metadata TypeGraphQL and
//     TypeORM read (esbuild alone cannot emit it), exactly as before bundling existed;
//  2. esbuild bundles that output, with the dependencies written in JavaScript, into dist/:
//     cli.js plus one chunk per lazily imported part (each CLI command, class-validator, ...).
// Why: start-up time. Loading ~1,500 small modules one by one (resolution, package.json
// lookups, CommonJS wrapping) cost more than PGlite's whole start; one parse of a few files
// costs a fraction (docs/benchmarks.md, start-up).
// Left outside the bundle, loaded from node_modules as before: PGlite (it runs on its own
// thread from db/embedded-thread.mjs and finds its WASM next to itself), argon2 (a native
// addon, loaded by path in the hashing threads), and optional modules that are not installed.
// Plain-JavaScript files the server loads by path (the embedded database's thread) are copied
// into dist/ at their place under src/; src/paths.ts names them.
import { execFileSync } from "node:child_process";
import { chmodSync, cpSync, readdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { build } from "esbuild";

const root = join(import.meta.dirname, "..");
const src = join(root, "src");
const dist = join(root, "dist");
const require = createRequire(import.meta.url);

rmSync(dist, { recursive: true, force: true });
// Inside the package, so bare imports in the output resolve to its node_modules.
const compiled = join(root, ".tsc-out");
rmSync(compiled, { recursive: true, force: true });
try {
  execFileSync(
    process.execPath,
    [
      require.resolve("typescript/bin/tsc"),
      "-p",
      join(root, "tsconfig.build.json"),
      "--outDir",
      compiled,
      "--sourceMap",
      "false",
    ],
    { stdio: "inherit" },
  );
  await build({
    entryPoints: [join(compiled, "cli.js")],
    outdir: dist,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    // TypeGraphQL and TypeORM take names from classes (object types, entities); esbuild
    // would rename clashing ones (User2) without this.
    keepNames: true,
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: "eof",
    // Bundled CommonJS packages call require, __filename and __dirname, which ES modules lack.
    banner: {
      js: [
        'import { createRequire as __ghRequire } from "node:module";',
        'import { fileURLToPath as __ghPath } from "node:url";',
        "const require = __ghRequire(import.meta.url);",
        "const __filename = __ghPath(import.meta.url);",
        'const __dirname = __ghPath(new URL(".", import.meta.url));',
      ].join(""),
    },
    external: ["@electric-sql/pglite", "@electric-sql/pglite/*", "@node-rs/argon2"],
    plugins: [optionalModulesStayExternal(compiled)],
    logLevel: "warning",
  });
} finally {
  rmSync(compiled, { recursive: true, force: true });
}

for (const entry of readdirSync(src, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !entry.name.endsWith(".mjs")) continue;
  const from = join(entry.parentPath, entry.name);
  cpSync(from, join(dist, relative(src, from)));
}
// The `gatehouse` bin: dist/cli.js starts with `#!/usr/bin/env node`.
chmodSync(join(dist, "cli.js"), 0o755);
console.log(`API built into ${relative(process.cwd(), dist) || "dist"}`);

/**
 * Packages such as TypeORM and pg `require` drivers they support but we do not install
 * (mysql, pg-native, ...), each inside a try or behind a setting. What cannot be resolved at
 * build time stays a plain require, failing at run time exactly as it did unbundled.
 */
function optionalModulesStayExternal(base) {
  return {
    name: "optional-modules-stay-external",
    setup(b) {
      b.onResolve({ filter: /^[^./]/ }, (args) => {
        if (args.path.startsWith("node:")) return undefined;
        try {
          createRequire(join(args.resolveDir || base, "x.js")).resolve(args.path);
          return undefined;
        } catch {
          try {
            // ESM-only packages: require.resolve refuses them, import resolution does not.
            import.meta.resolve(
              args.path,
              `file://${join(args.resolveDir || dirname(base), "x.js")}`,
            );
            return undefined;
          } catch {
            return { path: args.path, external: true };
          }
        }
      });
    },
  };
}
