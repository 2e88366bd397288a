import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI, type CliRun, runCli, TSX } from "../helpers/cli.js";
import { createScratchDatabase, usingPostgres } from "../helpers/database.js";
import { startTestServer } from "../helpers/test-server.js";
import { SIGN_IN, signIn } from "./accounts-helpers.js";

const ROOT = resolve(import.meta.dirname, "../../../..");

type Run = CliRun;

function runCliWithInput(args: string[], env: Record<string, string>, input: string): Promise<Run> {
  return runCli(args, env, { input });
}

/**
 * Runs `gatehouse superuser` in a pseudo-terminal (util-linux `script`) and answers each
 * prompt only once it appears, as a person would.
 */
function runInTerminal(env: Record<string, string>, answers: [string, string][]): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn("script", ["-qec", `${TSX} ${CLI} superuser`, "/dev/null"], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", TERM: "dumb", ...env },
    });
    let stdout = "";
    let answered = 0;
    const queue = [...answers];
    child.stdout.on("data", (d) => {
      stdout += d;
      const next = queue[0];
      // Count prompts seen so far; answer when the next unanswered one has been printed.
      if (next && stdout.trimEnd().endsWith(next[0].trimEnd()) && stdout.length > answered) {
        queue.shift();
        answered = stdout.length;
        child.stdin.write(next[1]);
      }
    });
    // A prompt that never comes must fail the test, not leave the child waiting for input.
    const timer = setTimeout(() => child.kill("SIGKILL"), 120_000);
    child.on("error", fail);
    child.on("close", (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr: "" });
    });
  });
}

describe("gatehouse superuser", () => {
  let env: Record<string, string>;
  let serverOpts: { databaseUrl?: string; dataDir?: string };
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    if (usingPostgres) {
      const scratch = await createScratchDatabase();
      env = { DATABASE_URL: scratch.url };
      serverOpts = { databaseUrl: scratch.url };
      cleanup = scratch.drop;
    } else {
      const dataDir = mkdtempSync(join(tmpdir(), "gatehouse-cli-"));
      env = { GATEHOUSE_DATA_DIR: dataDir };
      serverOpts = { dataDir };
      cleanup = async () => rmSync(dataDir, { recursive: true, force: true });
    }
  });
  afterAll(() => cleanup?.());

  it("creates a superuser from --password-stdin who can then sign in over GraphQL", async () => {
    const made = await runCliWithInput(
      ["superuser", "--username", "clio", "--password-stdin"],
      env,
      "clio-password-1\n",
    );
    expect(made.stderr).not.toContain("clio-password-1");
    expect(made.stdout.trim()).toBe("Superuser created successfully.");
    expect(made.code).toBe(0);

    const again = await runCliWithInput(
      ["superuser", "--username", "CLIO", "--password-stdin"],
      env,
      "other-password-2\n",
    );
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain("--update-password");

    const prompt = await runCliWithInput(["superuser"], env, "");
    expect(prompt.code).not.toBe(0);
    expect(prompt.stderr).toContain("--password-stdin");

    // Auto-login off and no GATEHOUSE_SUPERUSER: start-up succeeds because clio exists.
    const server = await startTestServer({ GATEHOUSE_AUTO_LOGIN: "false" }, serverOpts);
    try {
      const s = await signIn(server, "clio", "clio-password-1");
      const me = await server.gql<{ me: { isSuperuser: boolean; isActive: boolean } }>(
        "{ me { isSuperuser isActive } }",
        {},
        { token: s.token },
      );
      expect(me.data?.me).toEqual({ isSuperuser: true, isActive: true });
    } finally {
      await server.close();
    }
  }, 180_000);

  it("--update-password replaces the password of an existing user", async () => {
    const r = await runCliWithInput(
      ["superuser", "--username", "clio", "--password-stdin", "--update-password"],
      env,
      "clio-password-NEW\n",
    );
    expect(r.code).toBe(0);
    const server = await startTestServer({ GATEHOUSE_AUTO_LOGIN: "false" }, serverOpts);
    try {
      const old = await server.gql(SIGN_IN, { u: "clio", p: "clio-password-1" });
      expect(old.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
      await signIn(server, "clio", "clio-password-NEW");
    } finally {
      await server.close();
    }
  }, 180_000);

  it("--update-password also clears the account's sign-in locks", async () => {
    let server = await startTestServer({ GATEHOUSE_AUTO_LOGIN: "false" }, serverOpts);
    try {
      let last = await server.gql(SIGN_IN, { u: "clio", p: "wrong" });
      for (let i = 0; i < 10 && last.errors?.[0]?.extensions?.code !== "RATE_LIMITED"; i++) {
        last = await server.gql(SIGN_IN, { u: "clio", p: "wrong" });
      }
      expect(last.errors?.[0]?.extensions?.code).toBe("RATE_LIMITED");
    } finally {
      await server.close();
    }
    const r = await runCliWithInput(
      ["superuser", "--username", "clio", "--password-stdin", "--update-password"],
      env,
      "clio-password-UNLOCKED\n",
    );
    expect(r.code).toBe(0);
    server = await startTestServer({ GATEHOUSE_AUTO_LOGIN: "false" }, serverOpts);
    try {
      await signIn(server, "clio", "clio-password-UNLOCKED");
    } finally {
      await server.close();
    }
  }, 180_000);

  it("prompts on a terminal, hides the password, asks for it twice", async () => {
    const r = await runInTerminal(env, [
      ["Username:", "tess\r"],
      ["Password:", "tess-password-1\r"],
      ["Password (again):", "tess-password-X\r"],
      ["Password:", "tess-password-1\r"],
      ["Password (again):", "tess-password-1\r"],
    ]);
    expect(r.stdout).toContain("Username: tess");
    expect(r.stdout).not.toContain("tess-password");
    expect(r.stdout).toContain("Passwords do not match; try again.");
    expect(r.stdout).toContain("Superuser created successfully.");
    expect(r.code).toBe(0);
    const server = await startTestServer({ GATEHOUSE_AUTO_LOGIN: "false" }, serverOpts);
    try {
      await signIn(server, "tess", "tess-password-1");
    } finally {
      await server.close();
    }
  }, 180_000);
});
