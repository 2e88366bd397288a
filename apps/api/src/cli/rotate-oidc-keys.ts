import type { CliOverrides } from "../config/config.js";
import type { Command } from "./command.js";
import { configOrExit } from "./common.js";
import { runCommand } from "./dispatch.js";

/**
 * `gatehouse rotate-oidc-keys`: new OpenID Connect signing keys. The old ones stay in the
 * JWKS for GATEHOUSE_OIDC_KEY_GRACE, so apps holding tokens they signed keep their users.
 */
export const rotateOidcKeysCommand: Command<Record<string, never>> = async (
  { services },
  _a,
  io,
) => {
  const kids = await services.oidc.rotateKeys({ userId: null, ip: null });
  const graceHours = Math.round(services.config.oidc.keyGraceMs / 3_600_000);
  io.err(`New signing keys; the previous ones stay published for ${graceHours} h.\n`);
  io.out(`${kids.join("\n")}\n`);
  return 0;
};

export async function runRotateOidcKeys(cli: CliOverrides): Promise<void> {
  const { config } = configOrExit(cli);
  await runCommand(config, "rotate-oidc-keys", rotateOidcKeysCommand, {});
}
