import type { Config } from "../config/config.js";
import { type DataDirLock, lockDataDir } from "../control/lock.js";
import type { Logger } from "../logger.js";
import { type EmbeddedOptions, type EmbeddedPostgres, startEmbeddedPostgres } from "./embedded.js";

/** A started embedded database and the data dir's lock it runs under (none in memory). */
export interface StartedEmbedded {
  embedded: EmbeddedPostgres;
  lock?: DataDirLock;
}

/**
 * Locks the data dir and starts PGlite on its thread. Light on purpose (node builtins only):
 * `gatehouse run` calls it before importing the app, so the two overlap.
 */
export async function startEmbeddedDatabase(
  config: Config,
  logger: Logger,
  opts: { memory?: boolean; holdsLock?: boolean } & EmbeddedOptions = {},
): Promise<StartedEmbedded> {
  // Two processes on one PGlite data dir would corrupt it: refuse before opening.
  const lock = opts.memory || opts.holdsLock ? undefined : await lockDataDir(config.dataDir);
  try {
    const embedded = await startEmbeddedPostgres(
      opts.memory ? "memory" : config.dataDir,
      {
        onCrash: (err) => logger.error({ err: err.message }, "the embedded database stopped"),
        onWarning: (message) => logger.warn(`embedded database: ${message}`),
      },
      { loadDataDir: opts.loadDataDir },
    );
    return { embedded, lock };
  } catch (err) {
    await lock?.release();
    throw err;
  }
}
