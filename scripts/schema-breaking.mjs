#!/usr/bin/env node
// Guard: fails when apps/api/schema.graphql (as in the working tree) breaks clients of the
// previous version: a type, field, argument or enum value removed, an output made nullable, an
// argument or input field made required or added as required. graphql-js decides what breaks.
// A deliberate break passes when a commit message in the compared range says [breaking-schema].
//
// The previous version is, in order: --base REV; the merge base with origin/main (or main) when
// HEAD is not on it; HEAD~1. With no previous version (first commit, file new) it skips, saying so.
//
//   node scripts/schema-breaking.mjs [--base REV] [--repo DIR]
//   node scripts/schema-breaking.mjs --old OLD.graphql --new NEW.graphql [--allow-breaking]
//     (no git, for the self-test; --allow-breaking stands in for the commit marker)
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const SCHEMA = "apps/api/schema.graphql";
export const MARKER = "[breaking-schema]";
// graphql is the API's dependency, not the root's: load the API's copy.
const { buildSchema, findBreakingChanges, findDangerousChanges } = createRequire(
  join(REPO, "apps/api/package.json"),
)("graphql");

/** One line per change that breaks existing clients; dangerous (not breaking) ones apart. */
export function compareSchemas(oldSdl, newSdl) {
  const before = buildSchema(oldSdl);
  const after = buildSchema(newSdl);
  return {
    breaking: findBreakingChanges(before, after).map((c) => `${c.type}: ${c.description}`),
    dangerous: findDangerousChanges(before, after).map((c) => `${c.type}: ${c.description}`),
  };
}

let repo = REPO;

function git(args) {
  try {
    return execFileSync("git", args, {
      cwd: repo,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    }).trim();
  } catch {
    return null;
  }
}

function previousRevision(explicit) {
  if (explicit) return { rev: explicit, why: `--base ${explicit}` };
  const head = git(["rev-parse", "HEAD"]);
  for (const main of ["origin/main", "main"]) {
    const mergeBase = git(["merge-base", "HEAD", main]);
    if (mergeBase && mergeBase !== head) return { rev: mergeBase, why: `merge base with ${main}` };
  }
  const parent = git(["rev-parse", "--verify", "--quiet", "HEAD~1"]);
  return parent ? { rev: parent, why: "HEAD~1" } : null;
}

function main(args) {
  const option = (flag) => {
    const i = args.indexOf(flag);
    return i >= 0 ? args[i + 1] : undefined;
  };
  if (option("--repo")) repo = resolve(option("--repo"));
  let oldSdl;
  let newSdl;
  let against;
  let allowed = false;
  if (option("--old")) {
    oldSdl = readFileSync(resolve(option("--old")), "utf8");
    newSdl = readFileSync(resolve(option("--new") ?? join(REPO, SCHEMA)), "utf8");
    against = option("--old");
    allowed = args.includes("--allow-breaking");
  } else {
    const previous = previousRevision(option("--base"));
    if (!previous) {
      console.log(`schema breaking changes: skipped, no previous commit to compare ${SCHEMA} with`);
      return 0;
    }
    oldSdl = git(["show", `${previous.rev}:${SCHEMA}`]);
    if (oldSdl === null) {
      console.log(`schema breaking changes: skipped, ${SCHEMA} does not exist at ${previous.why}`);
      return 0;
    }
    newSdl = readFileSync(join(repo, SCHEMA), "utf8");
    against = `${previous.why} (${previous.rev.slice(0, 10)})`;
    // The range's messages: HEAD's own, and for a merge the merged branch's commits.
    const messages = git(["log", "--format=%B", `${previous.rev}..HEAD`]) ?? "";
    allowed = messages.includes(MARKER);
  }
  const { breaking, dangerous } = compareSchemas(oldSdl, newSdl);
  for (const line of dangerous) console.log(`dangerous (allowed): ${line}`);
  for (const line of breaking) console.log(`breaking: ${line}`);
  if (breaking.length && !allowed) {
    console.log(
      `schema breaking changes: ${breaking.length} against ${against}; keep the old names and nullability, or say ${MARKER} in the commit message when the break is deliberate`,
    );
    return 1;
  }
  const tail = breaking.length ? `, accepted by ${MARKER}` : "";
  console.log(`schema breaking changes: ${breaking.length} against ${against}${tail}`);
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exit(main(process.argv.slice(2)));
}
