#!/usr/bin/env node
// Guard: fails when a generated file differs from what is committed after regenerating it:
// the SDL emitted from the API's code (`pnpm schema` → apps/api/schema.graphql) and the
// console's typed operations made from that SDL (`pnpm codegen` → apps/console/src/gql/).
// Order matters: the console is generated from the freshly emitted SDL.
//
//   node scripts/generated-drift.mjs
// It rewrites the files in place (as the two commands do); commit what it reports.
import { execFileSync } from "node:child_process";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const STEPS = [
  { script: "schema", paths: ["apps/api/schema.graphql"] },
  { script: "codegen", paths: ["apps/console/src/gql"] },
];

function changed(paths) {
  const out = execFileSync("git", ["status", "--porcelain", "--", ...paths], {
    cwd: REPO,
    encoding: "utf8",
  });
  return out.split("\n").filter(Boolean);
}

let failed = 0;
for (const { script, paths } of STEPS) {
  try {
    execFileSync("pnpm", ["--silent", script], { cwd: REPO, stdio: ["ignore", "ignore", "pipe"] });
  } catch (error) {
    console.log(
      `generated files: \`pnpm ${script}\` failed: ${String(error.stderr ?? error).trim()}`,
    );
    failed++;
    continue;
  }
  for (const line of changed(paths)) {
    console.log(
      `generated file differs from the committed one: ${line.slice(3)} (run \`pnpm ${script}\` and commit the result)`,
    );
    failed++;
  }
}
if (!failed) {
  console.log("generated files: apps/api/schema.graphql and apps/console/src/gql/ match the code");
}
process.exit(failed ? 1 : 0);
