import type { CliOverrides } from "../config/config.js";
import type { Command } from "./command.js";
import { configOrExit } from "./common.js";
import { runCommand } from "./dispatch.js";

/** Applies pending migrations (a running server applied them at its start: then none). */
export const migrateCommand: Command<Record<string, never>> = async ({ services }, _args, io) => {
  const ran = await services.dataSource.runMigrations({ transaction: "each" });
  io.out(
    ran.length === 0
      ? "Database is up to date.\n"
      : `Applied ${ran.length} migration(s): ${ran.map((m) => m.name).join(", ")}\n`,
  );
  return 0;
};

export async function runMigrate(cli: CliOverrides): Promise<void> {
  const { config } = configOrExit(cli);
  await runCommand(config, "migrate", migrateCommand, {}, { migrate: false });
}
