import { spawn } from "node:child_process";
import { join } from "node:path";
import { REPO_ROOT } from "./spawn-server.js";

export const TSX = join(REPO_ROOT, "node_modules/.bin/tsx");
export const CLI = join(REPO_ROOT, "apps/api/src/cli.ts");

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the real `gatehouse` CLI in a child process, as a user would. Only `env` (plus PATH
 * and HOME) reaches it: nothing from the test runner's environment leaks in.
 */
export function runCli(
  args: string[],
  env: Record<string, string>,
  opts: { input?: string; timeoutMs?: number } = {},
): Promise<CliRun> {
  return new Promise((done, fail) => {
    const child = spawn(TSX, [CLI, ...args], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), opts.timeoutMs ?? 60_000);
    child.on("error", fail);
    child.on("close", (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr });
    });
    child.stdin.end(opts.input ?? "");
  });
}
