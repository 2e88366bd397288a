import { createApp } from "../app.js";
import type { CliOverrides } from "../config/config.js";
import type { Overrides } from "../services.js";
import { configOrExit, describeStartupError, fail } from "./common.js";

/**
 * Test seam: a test's entry script may fill this before the CLI parses its arguments (the
 * spawned test servers use cheap password hashing). Nothing from the environment or the
 * command line reaches it.
 */
export const serverOverrides: Overrides = {};

export async function runServer(cli: CliOverrides): Promise<void> {
  const { config, logger } = configOrExit(cli);
  let app: Awaited<ReturnType<typeof createApp>>;
  let url: string;
  try {
    app = await createApp(config, { logger, overrides: serverOverrides });
    url = await app.listen();
  } catch (err) {
    fail(describeStartupError(err));
  }
  logger.info(
    {
      url,
      database: config.databaseUrl ? "postgres" : "embedded",
      authMode: config.autoLogin ? "AUTO_LOGIN" : "AUTHENTICATED",
    },
    `Gatehouse is listening on ${url}`,
  );
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    try {
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
