// Packs what a production install runs into <out>, after `pnpm build`: the compiled API with
// its production dependencies only (`pnpm deploy --prod`) and the built console, laid out as
// in the repository (<out>/apps/api, <out>/apps/console/dist) so the compiled server finds the
// console where it looks by default. Start it with `node <out>/apps/api/dist/cli.js run`.
// The Dockerfile's runtime stage and the pruned-install test both use this script.
//
//   node apps/api/scripts/pack-runtime.mjs <out>      (or: pnpm pack-runtime <out>)
import { execFileSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  readdirSync,
  readFileSync,
  realpathSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { join, resolve } from "node:path";

const repo = resolve(import.meta.dirname, "../../..");
const outArg = process.argv[2];
if (!outArg) {
  console.error("usage: pack-runtime <out-dir> (an empty or missing directory)");
  process.exit(2);
}
const out = resolve(outArg);
if (existsSync(out) && readdirSync(out).length > 0) {
  console.error(`pack-runtime: ${out} is not empty; give a new or empty directory.`);
  process.exit(2);
}
const built = [
  "packages/shared/dist/index.js",
  "apps/api/dist/cli.js",
  "apps/api/dist/db/embedded-thread.mjs",
  "apps/console/dist/index.html",
];
const missing = built.filter((f) => !existsSync(join(repo, f)));
if (missing.length > 0) {
  console.error(`pack-runtime: ${missing.join(", ")} missing; run \`pnpm build\` first.`);
  process.exit(1);
}

const api = join(out, "apps/api");
// --legacy: pnpm 10's default deploy wants inject-workspace-packages, which would make every
// edit to packages/shared need a reinstall during development.
execFileSync("pnpm", ["--filter", "@gatehouse/api", "deploy", "--prod", "--legacy", api], {
  cwd: repo,
  stdio: ["ignore", "inherit", "inherit"],
});

// Workspace packages export their TypeScript sources for development and declare the built
// JavaScript in publishConfig; apply it, as publishing would. Their files are hard links into
// the workspace: unlink before writing so the checkout is never changed.
const scope = join(api, "node_modules/@gatehouse");
for (const name of existsSync(scope) ? readdirSync(scope) : []) {
  const manifest = join(realpathSync(join(scope, name)), "package.json");
  const pkg = JSON.parse(readFileSync(manifest, "utf8"));
  if (!pkg.publishConfig) continue;
  const { publishConfig, ...rest } = pkg;
  unlinkSync(manifest);
  writeFileSync(manifest, `${JSON.stringify({ ...rest, ...publishConfig }, null, 2)}\n`);
}

// Type declarations and source maps are never read at run time (node runs without
// --enable-source-maps): about 57 MB of the install. Unlinking leaves the store's copies alone.
for (const entry of readdirSync(join(api, "node_modules"), {
  recursive: true,
  withFileTypes: true,
})) {
  if (entry.isFile() && /\.(map|d\.[cm]?ts)$/.test(entry.name))
    unlinkSync(join(entry.parentPath, entry.name));
}

cpSync(join(repo, "apps/console/dist"), join(out, "apps/console/dist"), { recursive: true });

const size = execFileSync("du", ["-sm", out], { encoding: "utf8" }).split("\t")[0];
console.log(`pack-runtime: ${out} (${size} MB); start: node ${join(api, "dist/cli.js")} run`);
