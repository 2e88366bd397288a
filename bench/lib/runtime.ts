import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REPO_ROOT } from "../../apps/api/test/helpers/spawn-server.js";

let packed: string | undefined;

/**
 * The pruned production install the image runs (`pnpm pack-runtime`: compiled API, production
 * dependencies only, the console), made once per bench run after `pnpm build`; removed at exit.
 * Benchmarks start this, not the workspace, so they measure what users deploy.
 */
export function packedRuntime(): string {
  if (packed) return packed;
  const dir = mkdtempSync(join(tmpdir(), "gatehouse-runtime-"));
  const out = join(dir, "app");
  process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
  execFileSync(process.execPath, [join(REPO_ROOT, "apps/api/scripts/pack-runtime.mjs"), out], {
    cwd: REPO_ROOT,
    stdio: ["ignore", "ignore", "inherit"],
  });
  packed = out;
  return out;
}

/** The production install's compiled CLI. */
export const runtimeCli = (): string => join(packedRuntime(), "apps/api/dist/cli.js");
