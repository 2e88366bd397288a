import type { CliOverrides } from "../config/config.js";
import { parseKeyMaterial } from "../features/secrets/key-material.js";
import type { RotationProgress } from "../features/secrets/rotation.js";
import { type Command, CommandFailure } from "./command.js";
import { configOrExit, describeStartupError, fail } from "./common.js";
import { runCommand } from "./dispatch.js";

export interface RotateKeyOptions extends CliOverrides {
  dryRun?: boolean;
}

export interface RotateKeyArgs {
  dryRun: boolean;
  /** Fingerprint of the CLI's GATEHOUSE_SECRET_KEY; a running server must be using the same. */
  expectPrimary?: string;
}

/**
 * Re-encrypts every stored ciphertext under the primary key, straight against the database
 * (beside running servers on PostgreSQL; inside the running server on the embedded one).
 */
export const rotateKeyCommand: Command<RotateKeyArgs> = async ({ services }, args, io) => {
  const { secrets } = services;
  const primary = secrets.ring.primary.fingerprint;
  if (args.expectPrimary && args.expectPrimary !== primary) {
    throw new CommandFailure(
      `the running server's primary key is ${primary}, not ${args.expectPrimary} from your GATEHOUSE_SECRET_KEY; restart the server with the new key (the old one in GATEHOUSE_SECRET_KEY_FALLBACKS), then rotate.`,
    );
  }
  await secrets.verifyAtStartup();
  const show = (p: RotationProgress) =>
    io.progress?.(`\r${args.dryRun ? "Checking" : "Rotating"}: ${p.done}/${p.total}`);
  const counts = await secrets.rotate({ dryRun: args.dryRun, onProgress: show });
  if (io.progress) io.progress("\n");
  const lines = args.dryRun
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
  io.out(`${lines.join("\n")}\n`);
  if (counts.failed > 0) {
    throw new CommandFailure(
      `${counts.failed} ciphertext(s) could not be decrypted with the configured keys; add the key they were written with to GATEHOUSE_SECRET_KEY_FALLBACKS and run again.`,
      1,
    );
  }
  return 0;
};

export async function runRotateKey(cli: RotateKeyOptions): Promise<void> {
  const { config } = configOrExit(cli);
  let expectPrimary: string | undefined;
  try {
    // A bad key is refused here, before anything is opened or sent to a server.
    for (const [i, k] of config.secretKeyFallbacks.entries())
      parseKeyMaterial(k, `GATEHOUSE_SECRET_KEY_FALLBACKS (entry ${i + 1})`);
    if (config.secretKey !== undefined)
      expectPrimary = parseKeyMaterial(config.secretKey, "GATEHOUSE_SECRET_KEY").fingerprint;
  } catch (err) {
    fail(describeStartupError(err));
  }
  await runCommand(config, "rotate-key", rotateKeyCommand, {
    dryRun: cli.dryRun === true,
    expectPrimary,
  });
}
