#!/usr/bin/env node
// Guard: fails when a hand-written source file (.ts/.tsx/.mjs under apps/, packages/, bench/)
// passes 400 lines. The house rule is about 300; 400 is the hard stop. Files already past it
// are listed in long-files.baseline.json and only reported, so the guard can land before they
// are split.
//
//   node scripts/long-files.mjs                    check git's files against the baseline
//   node scripts/long-files.mjs --update-baseline  rewrite the baseline
//   node scripts/long-files.mjs --root DIR --baseline FILE   (used by the self-test)
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const LIMIT = 400;
const AREAS = /^(apps|packages|bench)\//;
const SOURCE = /\.(ts|tsx|mts|mjs)$/;
// Generated (codegen output), copied (contract fixtures) or built: not written by hand.
const SKIP = [/^apps\/console\/src\/gql\//, /\/fixtures\//, /(^|\/)dist\//, /(^|\/)node_modules\//];

/** Tracked and new (not ignored) files, so a file not yet committed is checked too. */
function gitFiles(root) {
  const out = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard"], {
    cwd: root,
    encoding: "utf8",
  });
  return out.split("\n").filter(Boolean);
}

function walk(root, dir = root) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(root, path));
    else out.push(relative(root, path).split("\\").join("/"));
  }
  return out;
}

function countLines(path) {
  const text = readFileSync(path, "utf8");
  if (text === "") return 0;
  return text.split("\n").length - (text.endsWith("\n") ? 1 : 0);
}

export function measure(root, { useGit = true } = {}) {
  const files = useGit ? gitFiles(root) : walk(root);
  const long = {};
  for (const file of files) {
    if (!AREAS.test(file) || !SOURCE.test(file) || SKIP.some((re) => re.test(file))) continue;
    const path = join(root, file);
    if (!existsSync(path)) continue; // deleted in the working tree, not yet committed
    const lines = countLines(path);
    if (lines > LIMIT) long[file] = lines;
  }
  return { checked: files.length, long };
}

export function check({ root, baselineFile, update = false, useGit = true }) {
  const { long } = measure(root, { useGit });
  const name = relative(root, baselineFile);
  if (update) {
    const sorted = Object.fromEntries(Object.entries(long).sort(([a], [b]) => a.localeCompare(b)));
    const baseline = {
      note: `Files past ${LIMIT} lines when this guard was added (line counts then). Split them and remove their lines; new files may not pass ${LIMIT}.`,
      files: sorted,
    };
    writeFileSync(baselineFile, `${JSON.stringify(baseline, null, 2)}\n`);
    return {
      ok: true,
      lines: [`long files: ${Object.keys(long).length} past ${LIMIT} lines; baseline rewritten`],
    };
  }
  const known = existsSync(baselineFile)
    ? JSON.parse(readFileSync(baselineFile, "utf8")).files
    : {};
  const failures = [];
  const notes = [];
  for (const [file, lines] of Object.entries(long)) {
    if (!(file in known))
      failures.push(`too long: ${file} has ${lines} lines (limit ${LIMIT}); split it`);
    else if (lines > known[file]) {
      notes.push(
        `still too long and growing: ${file} has ${lines} lines (baseline ${known[file]})`,
      );
    }
  }
  for (const file of Object.keys(known)) {
    if (!(file in long))
      notes.push(`baseline file now fits (or is gone): ${file}; remove it from ${name}`);
  }
  const ok = failures.length === 0;
  const lines = [...failures, ...notes];
  if (ok) {
    lines.push(
      `long files: none new past ${LIMIT} lines (${Object.keys(known).length} in the baseline)`,
    );
  }
  return { ok, lines };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const option = (flag, fallback) => {
    const i = args.indexOf(flag);
    return i >= 0 ? resolve(args[i + 1]) : fallback;
  };
  const { ok, lines } = check({
    root: option("--root", REPO),
    baselineFile: option("--baseline", join(REPO, "scripts/long-files.baseline.json")),
    update: args.includes("--update-baseline"),
    useGit: !args.includes("--no-git"),
  });
  for (const line of lines) console.log(line);
  process.exit(ok ? 0 : 1);
}
