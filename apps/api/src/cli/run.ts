import type { App } from "../app.js";
import type { CliOverrides } from "../config/config.js";
import type { ControlServer } from "../control/server.js";
import { type StartedEmbedded, startEmbeddedDatabase } from "../db/embedded-start.js";
import type { Overrides } from "../services.js";
import { configOrExit, describeStartupError, fail } from "./common.js";
import { announceListening, warnAboutMisspelledVariables } from "./startup-lines.js";

/**
 * Test seam: a test's entry script may fill this before the CLI parses its arguments (the
 * spawned test servers use cheap password hashing). Nothing from the environment or the
 * command line reaches it.
 */
export const serverOverrides: Overrides = {};

export async function runServer(cli: CliOverrides): Promise<void> {
  const { config, logger } = configOrExit(cli);
  warnAboutMisspelledVariables(process.env, cli.envFile, logger);
  // Start-up time: PGlite opens on its own thread while the main one loads the app (Apollo,
  // TypeGraphQL, TypeORM); createApp takes the database as it is when the import is done.
  let embeddedDatabase: Promise<StartedEmbedded> | undefined;
  if (!config.databaseUrl) {
    embeddedDatabase = startEmbeddedDatabase(config, logger);
    // Handled where createApp awaits it; until then a failure must not count as unhandled.
    embeddedDatabase.catch(() => {});
  }
  let app: App;
  let url: string;
  let control: ControlServer | null = null;
  try {
    const [{ createApp }, { startControlServer }] = await Promise.all([
      import("../app.js"),
      import("../control/server.js"),
    ]);
    app = await createApp(config, { logger, overrides: serverOverrides, embeddedDatabase });
    // The embedded database is this process's alone: CLI commands reach it through us.
    if (app.database.embedded) control = await startControlServer(app, config.dataDir, logger);
    url = await app.listen();
  } catch (err) {
    await control?.close().catch(() => {});
    fail(describeStartupError(err));
  }
  announceListening(url, config, logger);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    try {
      await control?.close();
      await app.close();
      process.exit(0);
    } catch (err) {
      logger.error({ err }, "shutdown failed");
      process.exit(1);
    }
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}
