import type { CliOverrides } from "../config/config.js";
import { type Database, openDatabase } from "../db/database.js";
import { AuditService } from "../features/audit/audit.service.js";
import { loadKeyRing } from "../features/secrets/key-ring.js";
import type { RotationProgress } from "../features/secrets/rotation.js";
import { SecretsService } from "../features/secrets/secrets.service.js";
import { createLogger } from "../logger.js";
import { configOrExit, describeStartupError, fail } from "./common.js";

export interface RotateKeyOptions extends CliOverrides {
  dryRun?: boolean;
}

/**
 * Re-encrypts every stored ciphertext under GATEHOUSE_SECRET_KEY, straight against the
 * database (safe while servers run on PostgreSQL; the embedded database must be stopped).
 */
export async function runRotateKey(cli: RotateKeyOptions): Promise<void> {
  const { config } = configOrExit(cli);
  // The summary is the output; routine info logs would only bury it.
  const logger = createLogger(config.logLevel === "silent" ? "silent" : "warn");
  let db: Database | undefined;
  try {
    db = await openDatabase(config, logger);
    const secrets = new SecretsService(
      db.dataSource,
      loadKeyRing(config, logger),
      logger,
      new AuditService(db.dataSource),
    );
    await secrets.verifyAtStartup();
    const tty = process.stderr.isTTY === true;
    const show = (p: RotationProgress) => {
      if (tty)
        process.stderr.write(`\r${cli.dryRun ? "Checking" : "Rotating"}: ${p.done}/${p.total}`);
    };
    const counts = await secrets.rotate({ dryRun: cli.dryRun, onProgress: show });
    if (tty) process.stderr.write("\n");
    const primary = secrets.ring.primary.fingerprint;
    const lines = cli.dryRun
      ? [
          `Dry run: nothing was written. Primary key ${primary}.`,
          `  would re-encrypt:  ${counts.rotated}`,
          `  already current:   ${counts.alreadyCurrent}`,
          `  undecryptable:     ${counts.failed}`,
        ]
      : [
          `Rotation finished. Primary key ${primary}.`,
          `  re-encrypted:      ${counts.rotated}`,
          `  already current:   ${counts.alreadyCurrent}`,
          `  undecryptable:     ${counts.failed}`,
          `  changed meanwhile: ${counts.skipped}`,
        ];
    process.stdout.write(`${lines.join("\n")}\n`);
    await db.close();
    if (counts.failed > 0) {
      fail(
        `${counts.failed} ciphertext(s) could not be decrypted with the configured keys; add the key they were written with to GATEHOUSE_SECRET_KEY_FALLBACKS and run again.`,
        1,
      );
    }
  } catch (err) {
    await db?.close().catch(() => {});
    fail(describeStartupError(err));
  }
}
