import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "./helpers/spawn-server.js";

/** Runs the real CLI as a user would and returns what it printed and its exit code. */
function gatehouse(args: string[], env: Record<string, string>) {
  const r = spawnSync(
    process.execPath,
    ["--import", "tsx", join(REPO_ROOT, "apps/api/src/cli.ts"), ...args],
    {
      cwd: REPO_ROOT,
      env: {
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? "/tmp",
        GATEHOUSE_DATA_DIR: mkdtempSync(join(tmpdir(), "gh-start-")),
        ...env,
      },
      encoding: "utf8",
      timeout: 60_000,
    },
  );
  return { code: r.status, stderr: r.stderr.trim(), stdout: r.stdout.trim() };
}

describe("start-up with bad configuration", () => {
  it.each([
    [
      { GATEHOUSE_PORT: "abc" },
      /^gatehouse: GATEHOUSE_PORT=abc is not a port; use a whole number from 0 to 65535\.$/,
    ],
    [{ GATEHOUSE_SECRET_KEY: "too-short" }, /^gatehouse: .*GATEHOUSE_SECRET_KEY.*generate-key/],
    [{ GATEHOUSE_AUTO_LOGIN: "false" }, /^gatehouse: .*GATEHOUSE_SUPERUSER.*gatehouse superuser/],
    [
      { DATABASE_URL: "postgres://nobody@127.0.0.1:1/none" },
      /^gatehouse: cannot reach the database/,
    ],
  ])(
    "%o stops with one line that says what to fix, exit code 2",
    (env, message) => {
      const r = gatehouse(["run"], env);
      expect(r.code).toBe(2);
      expect(r.stderr.split("\n")).toHaveLength(1);
      expect(r.stderr).toMatch(message);
      // Never echo a secret back, even a malformed one.
      expect(r.stderr).not.toContain("too-short");
    },
    60_000,
  );

  it("--help lists every command", () => {
    const r = gatehouse(["--help"], {});
    expect(r.code).toBe(0);
    for (const cmd of ["run", "migrate", "superuser", "login-url", "generate-key", "rotate-key"]) {
      expect(r.stdout).toMatch(new RegExp(`^\\s+${cmd}\\b`, "m"));
    }
  });
});
