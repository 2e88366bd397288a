import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DataDirLockedError, lockDataDir, PID_FILE } from "./lock.js";

describe("the data dir lock", () => {
  const root = mkdtempSync(join(tmpdir(), "gatehouse-lock-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("admits one holder, names it, and is free again after release", async () => {
    const dir = join(root, "a", "data");
    const first = await lockDataDir(dir);
    // A new data dir is private to this OS user.
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(readFileSync(join(dir, PID_FILE), "utf8").trim()).toBe(String(process.pid));
    const second = await lockDataDir(dir).catch((err: unknown) => err);
    expect(second).toBeInstanceOf(DataDirLockedError);
    expect((second as DataDirLockedError).pid).toBe(process.pid);
    // The same dir by another spelling is the same lock.
    await expect(lockDataDir(join(dir, "..", "data"))).rejects.toBeInstanceOf(DataDirLockedError);
    await first.release();
    const again = await lockDataDir(dir);
    await again.release();
  });

  it.skipIf(process.platform !== "linux")(
    "dies with its holder, even on SIGKILL",
    async () => {
      const dir = join(root, "b");
      const lockModule = new URL("./lock.ts", import.meta.url).pathname;
      const child = spawn(
        process.execPath,
        [
          "--import",
          "tsx",
          "-e",
          `const { lockDataDir } = await import(${JSON.stringify(lockModule)}); await lockDataDir(${JSON.stringify(dir)}); console.log("locked"); setInterval(() => {}, 1000);`,
        ],
        { stdio: ["ignore", "pipe", "inherit"] },
      );
      await new Promise<void>((resolve) => child.stdout.on("data", () => resolve()));
      await expect(lockDataDir(dir)).rejects.toBeInstanceOf(DataDirLockedError);
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGKILL");
      await exited;
      // The pid file is still there (nobody removed it); the lock is free all the same.
      const after = await lockDataDir(dir);
      await after.release();
    },
    60_000,
  );
});
