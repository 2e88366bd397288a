import { closeSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeSync } from "node:fs";
import { join } from "node:path";

/**
 * PGlite takes no lock on its data directory: a second process (another `gatehouse run`, or a
 * CLI command while the server runs) would open the same files and corrupt them. This lock
 * file names its holder by process id and, on Linux, the process's start time, so a holder
 * that died (SIGKILL, a crash, a container restart that reuses the pid) never keeps the
 * next start out.
 */
const LOCK_FILE = "embedded-db.lock";

interface Holder {
  pid: number;
  /** Clock ticks since boot when the process started (Linux), to tell a reused pid apart. */
  started?: string;
}

function startTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Field 22; the fields after the command name (which may hold spaces) start at field 3.
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
  } catch {
    return undefined;
  }
}

function isRunning(holder: Holder): boolean {
  const started = startTime(holder.pid);
  if (holder.started !== undefined && started !== undefined) return started === holder.started;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readHolder(file: string): Holder | undefined {
  try {
    const h = JSON.parse(readFileSync(file, "utf8")) as Holder;
    return Number.isInteger(h.pid) ? h : undefined;
  } catch {
    return undefined;
  }
}

export class DataDirInUseError extends Error {
  constructor(dataDir: string, pid?: number) {
    super(
      `the embedded database in ${dataDir} is in use by another Gatehouse process` +
        `${pid ? ` (pid ${pid})` : ""}; stop it first (instances that share data need ` +
        "PostgreSQL: DATABASE_URL)",
    );
    this.name = "DataDirInUseError";
  }
}

/** Takes the data directory for this process; returns the function that gives it back. */
export function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = join(dataDir, LOCK_FILE);
  const mine = JSON.stringify({ pid: process.pid, started: startTime(process.pid) });
  // Two tries: the second follows the removal of a dead holder's file.
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, "wx", 0o600);
      try {
        writeSync(fd, mine);
      } finally {
        closeSync(fd);
      }
      return () => {
        // Only our own file: never one a later holder wrote.
        const now = readHolder(file);
        if (now?.pid === process.pid) rmSync(file, { force: true });
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const holder = readHolder(file);
      if (holder && isRunning(holder)) throw new DataDirInUseError(dataDir, holder.pid);
      // An unreadable file is a holder between creating and writing it, unless it is old.
      if (!holder && Date.now() - statSync(file).mtimeMs < 10_000)
        throw new DataDirInUseError(dataDir);
      rmSync(file, { force: true });
    }
  }
  throw new DataDirInUseError(dataDir);
}
