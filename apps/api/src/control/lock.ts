import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { join } from "node:path";

export const PID_FILE = "gatehouse.pid";

/** The data dir's database is open in another process (a server or another command). */
export class DataDirLockedError extends Error {
  override name = "DataDirLockedError";
  constructor(
    readonly dataDir: string,
    readonly pid: number | null,
  ) {
    super(
      `the embedded database in ${dataDir} is open in another process${pid ? ` (pid ${pid})` : ""}: a server, or another gatehouse command.`,
    );
  }
}

export interface DataDirLock {
  release(): Promise<void>;
}

/** Makes the data dir if needed, private to this OS user (it holds the database and key). */
function ensureDataDir(dataDir: string): string {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  return realpathSync(dataDir);
}

function readPid(dataDir: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(join(dataDir, PID_FILE), "utf8"), 10);
    return Number.isSafeInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * One process at a time may open PGlite on a data dir: two would corrupt it. On Linux the lock
 * is an abstract unix socket named after the dir's real path: binding is exclusive and the
 * kernel frees it the moment the holder dies (even on SIGKILL), so no stale lock can survive.
 * Elsewhere a pid file with a liveness check does the job, best effort. The pid file is written
 * on Linux too, only so that refusals can name the holder.
 */
export async function lockDataDir(dataDir: string): Promise<DataDirLock> {
  const real = ensureDataDir(dataDir);
  const pidPath = join(real, PID_FILE);
  let server: Server | undefined;
  if (process.platform === "linux") {
    const name = `\0gatehouse-data-${createHash("sha256").update(real).digest("hex").slice(0, 40)}`;
    server = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve, reject) => {
      server!.once("error", (err: NodeJS.ErrnoException) =>
        reject(err.code === "EADDRINUSE" ? new DataDirLockedError(real, readPid(real)) : err),
      );
      server!.listen(name, () => resolve());
    });
    // The lock must not keep a finished command alive.
    server.unref();
    writeFileSync(pidPath, `${process.pid}\n`, { mode: 0o600 });
  } else {
    try {
      writeFileSync(pidPath, `${process.pid}\n`, { mode: 0o600, flag: "wx" });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const pid = readPid(real);
      if (pid && pid !== process.pid && alive(pid)) throw new DataDirLockedError(real, pid);
      writeFileSync(pidPath, `${process.pid}\n`, { mode: 0o600 });
    }
  }
  let released = false;
  return {
    async release() {
      if (released) return;
      released = true;
      if (readPid(real) === process.pid) rmSync(pidPath, { force: true });
      if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
