import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./helpers/cli.js";

const gatehouse = (args: string[], env: Record<string, string>) =>
  runCli(args, { GATEHOUSE_DATA_DIR: mkdtempSync(join(tmpdir(), "gh-start-")), ...env }).then(
    (r) => ({
      ...r,
      stderr: r.stderr.trim(),
    }),
  );

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
    async (env, message) => {
      const r = await gatehouse(["run"], env);
      expect(r.code).toBe(2);
      expect(r.stderr.split("\n")).toHaveLength(1);
      expect(r.stderr).toMatch(message);
      // Never echo a secret back, even a malformed one.
      expect(r.stderr).not.toContain("too-short");
    },
    60_000,
  );

  it("--help lists every command", async () => {
    const r = await gatehouse(["--help"], {});
    expect(r.code).toBe(0);
    for (const cmd of ["run", "migrate", "superuser", "login-url", "generate-key", "rotate-key"]) {
      expect(r.stdout).toMatch(new RegExp(`^\\s+${cmd}\\b`, "m"));
    }
  });
});
