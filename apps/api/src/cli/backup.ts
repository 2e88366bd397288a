import { randomBytes } from "node:crypto";
import {
  closeSync,
  fsyncSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import type { CliOverrides } from "../config/config.js";
import { createBackup, ON_POSTGRES, readBackup } from "../control/backup.js";
import { restoreBackup } from "../control/restore.js";
import { createLogger } from "../logger.js";
import { type Command, failureOf, terminalIo } from "./command.js";
import { configOrExit, fail } from "./common.js";
import { executeCommand } from "./dispatch.js";

export interface BackupArgs {
  withKey: boolean;
}

/** Produces the backup's bytes: in the running server when there is one, else here. */
export const backupCommand: Command<BackupArgs> = async (ctx, args, io) => {
  const bytes = await createBackup(ctx, args.withKey);
  const data = (io as { data?(bytes: Uint8Array): void }).data;
  if (!data) throw new Error("backup needs a binary channel");
  data(bytes);
  return 0;
};

/** Writes privately (0600, the backup may hold the key) and atomically: all or nothing. */
function writePrivately(path: string, chunks: Buffer[]): void {
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(4).toString("hex")}.tmp`);
  const fd = openSync(tmp, "wx", 0o600);
  try {
    for (const chunk of chunks) writeSync(fd, chunk);
    fsyncSync(fd);
  } catch (err) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw err;
  }
  closeSync(fd);
  renameSync(tmp, path);
}

export async function runBackup(
  file: string,
  o: CliOverrides & { withoutKey?: boolean },
): Promise<void> {
  const { config } = configOrExit(o);
  if (config.databaseUrl) fail(ON_POSTGRES);
  const path = resolve(file);
  const chunks: Buffer[] = [];
  const code = await executeCommand(
    config,
    "backup",
    backupCommand,
    { withKey: o.withoutKey !== true },
    // A backup copies the data as it is; migrating is the server's business.
    { migrate: false, io: { ...terminalIo, data: (bytes) => chunks.push(Buffer.from(bytes)) } },
  );
  if (code !== 0) process.exit(code);
  try {
    const bytes = Buffer.concat(chunks);
    // Read back what arrived before calling it a backup.
    const { manifest } = await readBackup(bytes, path);
    writePrivately(path, [bytes]);
    const mib = (bytes.length / 1024 / 1024).toFixed(1);
    process.stdout.write(`Backup written to ${path} (${mib} MiB).\n`);
    process.stderr.write(
      manifest.keyIncluded
        ? "It includes the secret key (secret.key): anyone with this file can read every stored secret. Keep it as private as the data dir.\n"
        : manifest.keySource === "GATEHOUSE_SECRET_KEY"
          ? `It does not include the secret key: the data is readable only with GATEHOUSE_SECRET_KEY (fingerprint ${manifest.keyFingerprint}); keep that key safe too.\n`
          : `It does not include the secret key (--without-key): keep ${join(config.dataDir, "secret.key")} (fingerprint ${manifest.keyFingerprint}) safe too.\n`,
    );
  } catch (err) {
    fail(failureOf(err).message);
  }
  process.exit(0);
}

export async function runRestore(
  file: string,
  o: CliOverrides & { force?: boolean },
): Promise<void> {
  const { config } = configOrExit(o);
  if (config.databaseUrl) fail(ON_POSTGRES);
  const path = resolve(file);
  try {
    const backup = await readBackup(readFileSync(path), path);
    // The staging copy's warnings (a generated key in use, ...) are not news to the person.
    const logger = createLogger(config.logLevel === "silent" ? "silent" : "error", false, 2);
    await restoreBackup(config, backup, { force: o.force === true, logger });
    process.stdout.write(
      `Restored ${path} (made ${backup.manifest.createdAt}) into ${config.dataDir}. Start the server with \`gatehouse run\`.\n`,
    );
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    fail(e.code === "ENOENT" && e.path === path ? `no such file: ${path}` : failureOf(err).message);
  }
  process.exit(0);
}
