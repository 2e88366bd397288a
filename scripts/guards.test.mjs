// Self-tests of the CI guards on synthetic inputs in a temp dir (no repository state).
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { check as checkCycles } from "./import-cycles.mjs";
import { check as checkLong } from "./long-files.mjs";
import { compareSchemas } from "./schema-breaking.mjs";

const dirs = [];
function tempDir() {
  const dir = mkdtempSync(join(tmpdir(), "gatehouse-guards-"));
  dirs.push(dir);
  return dir;
}
function write(dir, file, text) {
  mkdirSync(join(dir, file, ".."), { recursive: true });
  writeFileSync(join(dir, file), text);
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("import cycles", () => {
  it("finds type-only, re-export and dynamic cycles, keeps a baseline, and names new and gone ones", () => {
    const dir = tempDir();
    const root = join(dir, "src");
    const baselineFile = join(dir, "baseline.json");
    write(root, "a.ts", 'import type { B } from "./b.js";\nexport type A = B;\n');
    write(root, "b.ts", 'export * from "./c.js";\nexport type B = string;\n');
    write(root, "c.ts", 'export const c = () => import("./a.js");\n');
    write(root, "lone.ts", 'import { c } from "./c.js";\nimport "node:fs";\nexport { c };\n');

    const first = checkCycles({ root, baselineFile, base: dir });
    expect(first.ok).toBe(false);
    expect(first.lines).toContain("new import cycle: src/a.ts → src/b.ts → src/c.ts → src/a.ts");

    expect(checkCycles({ root, baselineFile, base: dir, update: true }).ok).toBe(true);
    const known = checkCycles({ root, baselineFile, base: dir });
    expect(known.ok).toBe(true);
    expect(known.lines.at(-1)).toMatch(/1 cyclic groups \(3 files: 3\) in 4 files; none new/);

    // A second cycle through files already on one is still new (a new edge).
    write(root, "c.ts", 'import "./b.js";\nexport const c = () => import("./a.js");\n');
    const added = checkCycles({ root, baselineFile, base: dir });
    expect(added.ok).toBe(false);
    expect(added.lines).toEqual(["new import cycle: src/c.ts → src/b.ts → src/c.ts"]);

    // Breaking the old cycle passes and says which baseline lines can go.
    write(root, "c.ts", "export const c = 1;\n");
    const gone = checkCycles({ root, baselineFile, base: dir });
    expect(gone.ok).toBe(true);
    expect(gone.lines.filter((l) => l.startsWith("baseline cycle edge gone"))).toHaveLength(3);
  });
});

describe("long files", () => {
  it("fails on a new file past 400 lines and tolerates baseline ones", () => {
    const dir = tempDir();
    const baselineFile = join(dir, "baseline.json");
    const lines = (n) => "x;\n".repeat(n);
    write(dir, "apps/api/src/ok.ts", lines(400));
    write(dir, "apps/api/src/long.ts", lines(401));
    write(dir, "apps/console/src/gql/graphql.ts", lines(900));
    write(dir, "apps/api/test/fixtures/big.mjs", lines(900));
    write(dir, "docs/long.ts", lines(900));

    const first = checkLong({ root: dir, baselineFile, useGit: false });
    expect(first.ok).toBe(false);
    expect(first.lines).toEqual([
      "too long: apps/api/src/long.ts has 401 lines (limit 400); split it",
    ]);

    checkLong({ root: dir, baselineFile, useGit: false, update: true });
    expect(checkLong({ root: dir, baselineFile, useGit: false }).ok).toBe(true);
    write(dir, "apps/api/src/long.ts", lines(300));
    const fixed = checkLong({ root: dir, baselineFile, useGit: false });
    expect(fixed.ok).toBe(true);
    expect(fixed.lines[0]).toMatch(/baseline file now fits .*apps\/api\/src\/long\.ts/);
  });
});

const BEFORE = `
type Query { user(id: ID!, first: Int): User, users(filter: Filter): [User!]! }
type User { id: ID!, name: String!, email: String, role: Role! }
enum Role { ADMIN, MEMBER }
input Filter { name: String, active: Boolean }
`;

describe("schema breaking changes", () => {
  it("accepts additions and output tightening", () => {
    const after = `
type Query { user(id: ID!, first: Int, after: String): User, users(filter: Filter): [User!]! }
type User { id: ID!, name: String!, email: String!, role: Role!, createdAt: String }
enum Role { ADMIN, MEMBER, GUEST }
input Filter { name: String, active: Boolean, role: Role }
type Extra { x: Int }
`;
    expect(compareSchemas(BEFORE, after).breaking).toEqual([]);
  });

  it("names removals, loosened outputs and newly required inputs", () => {
    const after = `
type Query { user(id: ID!, first: Int!, tenant: String!): User, users(filter: Filter): [User!]! }
type User { id: ID!, name: String, role: Role! }
enum Role { ADMIN }
input Filter { name: String!, active: Boolean, since: String! }
`;
    const breaking = compareSchemas(BEFORE, after).breaking;
    expect(breaking).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^FIELD_REMOVED: User\.email/),
        expect.stringMatching(
          /^FIELD_CHANGED_KIND: User\.name changed type from String! to String/,
        ),
        expect.stringMatching(/^VALUE_REMOVED_FROM_ENUM: MEMBER/),
        expect.stringMatching(/^ARG_CHANGED_KIND: .*Query\.user.*first/),
        expect.stringMatching(/^REQUIRED_ARG_ADDED: .*tenant/),
        expect.stringMatching(/^FIELD_CHANGED_KIND: Filter\.name/),
        expect.stringMatching(/^REQUIRED_INPUT_FIELD_ADDED: .*since/),
      ]),
    );
    expect(breaking).toHaveLength(7);
  });

  it("exits 1 on a break and 0 when the break is declared (command line)", () => {
    const dir = tempDir();
    write(dir, "old.graphql", BEFORE);
    write(dir, "new.graphql", BEFORE.replace("email: String, ", ""));
    const script = fileURLToPath(new URL("./schema-breaking.mjs", import.meta.url));
    const args = [script, "--old", join(dir, "old.graphql"), "--new", join(dir, "new.graphql")];
    let failure;
    try {
      execFileSync(process.execPath, args, { encoding: "utf8" });
    } catch (error) {
      failure = error;
    }
    expect(failure?.status).toBe(1);
    expect(failure?.stdout).toMatch(/^breaking: FIELD_REMOVED: User\.email was removed\.$/m);
    const allowed = execFileSync(process.execPath, [...args, "--allow-breaking"], {
      encoding: "utf8",
    });
    expect(allowed).toMatch(/schema breaking changes: 1 against .*accepted by \[breaking-schema\]/);
  });

  it("compares with the previous commit and honours [breaking-schema] (git)", () => {
    const dir = tempDir();
    const script = fileURLToPath(new URL("./schema-breaking.mjs", import.meta.url));
    const git = (...args) => execFileSync("git", ["-C", dir, ...args], { encoding: "utf8" });
    const guard = () => {
      try {
        return {
          status: 0,
          out: execFileSync(process.execPath, [script, "--repo", dir], { encoding: "utf8" }),
        };
      } catch (error) {
        return { status: error.status, out: error.stdout };
      }
    };
    git("init", "-q");
    git("config", "user.email", "t@example.test");
    git("config", "user.name", "t");
    write(dir, "apps/api/schema.graphql", BEFORE);
    git("add", "-A");
    git("commit", "-qm", "first");
    expect(guard()).toMatchObject({
      status: 0,
      out: expect.stringMatching(/skipped, no previous commit/),
    });

    write(dir, "apps/api/schema.graphql", BEFORE.replace("email: String, ", ""));
    git("commit", "-qam", "drop email");
    const broken = guard();
    expect(broken.status).toBe(1);
    expect(broken.out).toMatch(/^breaking: FIELD_REMOVED: User\.email was removed\.$/m);
    expect(broken.out).toMatch(/against HEAD~1/);

    git("commit", "-q", "--amend", "-m", "drop email [breaking-schema]");
    expect(guard()).toMatchObject({
      status: 0,
      out: expect.stringMatching(/accepted by \[breaking-schema\]/),
    });
  });
});
