import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { CommandFailure } from "../cli/command.js";
import { openServices } from "../cli/open-services.js";
import type { Config } from "../config/config.js";
import { openDatabase } from "../db/database.js";
import { GENERATED_KEY_FILE } from "../features/secrets/key-ring.js";
import type { Logger } from "../logger.js";
import { type Backup, ON_POSTGRES } from "./backup.js";
import { serverAnswers } from "./client.js";
import { DataDirLockedError, lockDataDir } from "./lock.js";

/** PGlite's data lives in <data dir>/pg (see db/embedded.ts). */
const PG_DIR = "pg";

/**
 * Replaces the embedded database with a backup, only while no process holds the data dir.
 * The backup is first opened in a staging folder beside the data and checked (it opens, the
 * configured key reads its secrets); only then are the old database (and key, when the
 * backup brings one) moved aside, the restored ones moved in and opened once more. The old
 * data is removed after that succeeds, and put back when it does not.
 */
export async function restoreBackup(
  config: Config,
  backup: Backup,
  opts: { force: boolean; logger: Logger },
): Promise<void> {
  if (config.databaseUrl) throw new CommandFailure(ON_POSTGRES);
  const { dataDir } = config;
  if (await serverAnswers(dataDir))
    throw new CommandFailure(
      `a server is running on ${dataDir}; stop it first (restore replaces its database). \`gatehouse backup\` works while it runs.`,
    );
  const lock = await lockDataDir(dataDir).catch((err) => {
    if (err instanceof DataDirLockedError)
      throw new CommandFailure(`${err.message} Stop it, then restore.`);
    throw err;
  });
  const live = join(dataDir, PG_DIR);
  const liveKey = join(dataDir, GENERATED_KEY_FILE);
  if (existsSync(join(live, "PG_VERSION")) && !opts.force) {
    await lock.release();
    throw new CommandFailure(
      `${dataDir} already holds a database; add --force to replace it with the backup (the current one is removed once the restored one opens).`,
    );
  }
  if (existsSync(join(dataDir, ASIDE))) {
    await lock.release();
    throw new CommandFailure(
      `an earlier restore was interrupted: the database it replaced is in ${join(dataDir, ASIDE)}; move it back to ${live} (or delete it), then restore again.`,
    );
  }
  const staging = mkdtempSync(join(dataDir, ".restore-"));
  try {
    // The key the restored data will be read with: the backup's, else the one already here.
    const stagedKey = join(staging, GENERATED_KEY_FILE);
    if (backup.key) writeFileSync(stagedKey, backup.key, { mode: 0o600 });
    else if (existsSync(liveKey)) copyFileSync(liveKey, stagedKey);
    const staged = await openServices({ ...config, dataDir: staging }, opts.logger, {
      migrate: false,
      loadDataDir: backup.pgdata,
    });
    try {
      // Refuses (naming fingerprints) when no configured key reads the stored secrets.
      await staged.services.secrets.verifyAtStartup();
    } finally {
      await staged.close();
    }
    swapIn(dataDir, staging, backup.key !== undefined);
    try {
      const reopened = await openDatabase(config, opts.logger, { migrate: false, holdsLock: true });
      await reopened.dataSource.query("SELECT 1");
      await reopened.close();
    } catch (err) {
      swapBack(dataDir, backup.key !== undefined);
      throw err;
    }
    rmSync(join(dataDir, ASIDE), { recursive: true, force: true });
  } finally {
    rmSync(staging, { recursive: true, force: true });
    await lock.release();
  }
}

const ASIDE = ".before-restore";

function swapIn(dataDir: string, staging: string, withKey: boolean): void {
  const aside = join(dataDir, ASIDE);
  mkdirSync(aside, { mode: 0o700 });
  if (existsSync(join(dataDir, PG_DIR))) renameSync(join(dataDir, PG_DIR), join(aside, PG_DIR));
  renameSync(join(staging, PG_DIR), join(dataDir, PG_DIR));
  if (withKey) {
    const key = join(dataDir, GENERATED_KEY_FILE);
    if (existsSync(key)) renameSync(key, join(aside, GENERATED_KEY_FILE));
    renameSync(join(staging, GENERATED_KEY_FILE), key);
  }
}

function swapBack(dataDir: string, withKey: boolean): void {
  const aside = join(dataDir, ASIDE);
  rmSync(join(dataDir, PG_DIR), { recursive: true, force: true });
  if (existsSync(join(aside, PG_DIR))) renameSync(join(aside, PG_DIR), join(dataDir, PG_DIR));
  if (withKey && existsSync(join(aside, GENERATED_KEY_FILE)))
    renameSync(join(aside, GENERATED_KEY_FILE), join(dataDir, GENERATED_KEY_FILE));
}
