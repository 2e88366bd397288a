import { createApp } from "../app.js";
import type { CliOverrides } from "../config/config.js";
import { type ControlServer, startControlServer } from "../control/server.js";
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
  let app: Awaited<ReturnType<typeof createApp>>;
  let url: string;
  let control: ControlServer | null = null;
  try {
    app = await createApp(config, { logger, overrides: serverOverrides });
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
