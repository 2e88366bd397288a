import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { PasswordHashing } from "./password-hashing.js";

export const REPO_ROOT = new URL("../../../../", import.meta.url).pathname;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export interface ServerProcess {
  url: string;
  pid: number;
  dataDir: string;
  /** Milliseconds from spawn to the first /readyz 200. */
  startMs: number;
  /** Everything the process wrote to stderr and stdout so far. */
  output(): string;
  rssMiB(): number;
  /** Resolves with the exit code once the process has exited. */
  exited: Promise<number | null>;
  kill(signal: NodeJS.Signals): void;
  /** SIGTERM and wait for the exit code. */
  stop(): Promise<number | null>;
}

export interface SpawnOptions {
  dataDir?: string;
  timeoutMs?: number;
  /** "production" for benchmarks and tests of hashing; the cheap test cost otherwise. */
  passwordHashing?: PasswordHashing;
  /**
   * Run this compiled CLI (a production install's `dist/cli.js`) under plain node, instead of
   * the TypeScript sources through tsx. Production hashing, as such an install has.
   */
  compiledCli?: string;
  /**
   * Poll /readyz at this fixed interval instead of backing off to 200 ms: benchmarks that
   * time start-up want the moment of readiness, not the next poll after it.
   */
  pollMs?: number;
}

/**
 * Runs `gatehouse run` as a separate process, as a user starts it, and waits for /readyz.
 * For tests of signals, restarts and several instances, and for benchmarks. Unless asked for
 * production hashing, the CLI starts through an entry script that lowers the argon2 cost.
 */
export async function spawnServer(
  env: Record<string, string>,
  opts: SpawnOptions = {},
): Promise<ServerProcess> {
  const port = env.GATEHOUSE_PORT ? Number(env.GATEHOUSE_PORT) : await freePort();
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), "gatehouse-proc-"));
  const t0 = performance.now();
  const child: ChildProcess = spawn(
    process.execPath,
    opts.compiledCli
      ? [opts.compiledCli, "run"]
      : [
          "--import",
          "tsx",
          opts.passwordHashing === "production"
            ? join(REPO_ROOT, "apps/api/src/cli.ts")
            : join(REPO_ROOT, "apps/api/test/helpers/cli-cheap-hashing.ts"),
          "run",
        ],
    {
      cwd: REPO_ROOT,
      env: {
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? "/tmp",
        GATEHOUSE_DATA_DIR: dataDir,
        GATEHOUSE_LOG_LEVEL: "warn",
        ...env,
        GATEHOUSE_PORT: String(port),
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let out = "";
  child.stdout?.on("data", (d) => {
    out += String(d);
  });
  child.stderr?.on("data", (d) => {
    out += String(d);
  });
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => resolve(code)),
  );
  const url = `http://127.0.0.1:${port}`;
  // Readiness is the event waited for; the limit only stops a server that never gets there,
  // and is far above a slow start on a busy two-core machine.
  const limit = opts.timeoutMs ?? 240_000;
  let pause = opts.pollMs ?? 25;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`server exited with ${child.exitCode}: ${out.trim().slice(0, 800)}`);
    try {
      if ((await fetch(`${url}/readyz`)).status === 200) break;
    } catch {
      // not listening yet
    }
    if (performance.now() - t0 > limit) {
      child.kill("SIGKILL");
      throw new Error(`server not ready within ${limit} ms: ${out.slice(0, 800)}`);
    }
    await new Promise((r) => setTimeout(r, pause));
    if (!opts.pollMs) pause = Math.min(pause * 2, 200);
  }
  return {
    url,
    pid: child.pid!,
    dataDir,
    startMs: performance.now() - t0,
    output: () => out,
    rssMiB() {
      try {
        const kb = Number(
          /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"))?.[1] ?? "NaN",
        );
        return kb / 1024;
      } catch {
        return Number.NaN;
      }
    },
    exited,
    kill: (signal) => child.kill(signal),
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      return exited;
    },
  };
}
