import type { CliOverrides } from "../config/config.js";
import { openDatabase } from "../db/database.js";
import { configOrExit, describeStartupError, fail } from "./common.js";

export async function runMigrate(cli: CliOverrides): Promise<void> {
  const { config, logger } = configOrExit(cli);
  try {
    const db = await openDatabase(config, logger, { migrate: false });
    const ran = await db.dataSource.runMigrations({ transaction: "each" });
    await db.close();
    console.log(
      ran.length === 0
        ? "Database is up to date."
        : `Applied ${ran.length} migration(s): ${ran.map((m) => m.name).join(", ")}`,
    );
  } catch (err) {
    fail(describeStartupError(err));
  }
}
