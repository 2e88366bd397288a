import { systemClock } from "../clock.js";
import type { Config } from "../config/config.js";
import { type DatabaseOptions, openDatabase } from "../db/database.js";
import type { Logger } from "../logger.js";
import { buildServices } from "../services.js";
import type { CommandContext } from "./command.js";

export interface OpenedServices extends CommandContext {
  close(): Promise<void>;
}

/**
 * The one way a CLI command gets its services: the same composition root as the server, on
 * its own connection. Start-up tasks (env superuser, housekeeping) are the server's and do not
 * run here; a command that needs one calls it. The CLI never mails: whoever runs it hands
 * links over, so no mailer is built even when RESEND_API_KEY is set.
 */
export async function openServices(
  config: Config,
  logger: Logger,
  opts: Pick<DatabaseOptions, "migrate" | "holdsLock" | "loadDataDir"> = {},
): Promise<OpenedServices> {
  const database = await openDatabase(config, logger, opts);
  try {
    const services = buildServices(
      {
        config: { ...config, resend: undefined },
        logger,
        dataSource: database.dataSource,
        clock: systemClock,
      },
      {},
    );
    return {
      services,
      database,
      async close() {
        for (const task of services.shutdownTasks) await task().catch(() => {});
        await database.close();
      },
    };
  } catch (err) {
    await database.close().catch(() => {});
    throw err;
  }
}
