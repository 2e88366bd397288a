// Builds the API to JavaScript in dist/: tsc (which emits the decorator metadata TypeGraphQL
// and TypeORM read), then the plain-JavaScript files the compiled code loads by path, such as
// the embedded database's thread (db/embedded-thread.mjs), copied next to the code using them.
import { execFileSync } from "node:child_process";
import { chmodSync, cpSync, readdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative } from "node:path";

const root = join(import.meta.dirname, "..");
const src = join(root, "src");
const dist = join(root, "dist");

rmSync(dist, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
execFileSync(process.execPath, [tsc, "-p", join(root, "tsconfig.build.json")], {
  stdio: "inherit",
});

for (const entry of readdirSync(src, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !entry.name.endsWith(".mjs")) continue;
  const from = join(entry.parentPath, entry.name);
  cpSync(from, join(dist, relative(src, from)));
}
// The `gatehouse` bin: dist/cli.js starts with `#!/usr/bin/env node`.
chmodSync(join(dist, "cli.js"), 0o755);
console.log(`API built into ${relative(process.cwd(), dist) || "dist"}`);
