import type { Config } from "../config/config.js";
import { callServer, NO_SERVER } from "../control/client.js";
import { DataDirLockedError } from "../control/lock.js";
import { createLogger } from "../logger.js";
import { type Command, type CommandIo, failureOf, terminalIo } from "./command.js";
import type { OpenedServices } from "./open-services.js";
import { openServices } from "./open-services.js";

/** How long a command waits for a data dir held by a process that does not answer yet. */
const BUSY_WAIT_MS = 10_000;

export interface RunOptions {
  /** Run pending migrations when opening the database here (`migrate` does it itself). */
  migrate?: boolean;
  io?: CommandIo & { data?(bytes: Buffer): void };
}

/**
 * Runs a command where it can run safely. PostgreSQL: here, beside any servers. Embedded:
 * inside the server that holds the data dir when one answers on its control socket, else here
 * with the data dir locked. A data dir held by a process that never answers (a server still
 * starting, another command) is waited for briefly, then refused: PGlite is never opened twice.
 * The caller passes the command itself (run here) and its name in cli/registry.ts (run by a
 * server): this module does not import the registry, which imports every command.
 */
export async function executeCommand<A>(
  config: Config,
  name: string,
  command: Command<A>,
  args: A,
  opts: RunOptions = {},
): Promise<number> {
  const io = opts.io ?? terminalIo;
  // Errors only: a command's stderr is for its one-line refusals (the generated-key notice and
  // the like belong to the server's own start-up).
  const logger = createLogger(config.logLevel === "silent" ? "silent" : "error", false, 2);
  const deadline = Date.now() + BUSY_WAIT_MS;
  let opened: OpenedServices | undefined;
  let told = false;
  while (!opened) {
    if (!config.databaseUrl) {
      const code = await callServer(config.dataDir, name, args, io);
      if (code !== NO_SERVER) return code;
    }
    try {
      opened = await openServices(config, logger, { migrate: opts.migrate });
    } catch (err) {
      if (!(err instanceof DataDirLockedError)) return report(io, err);
      if (Date.now() > deadline) {
        io.err(
          `gatehouse: ${err.message} It does not answer on its control socket; nothing was done. Try again once it has started or finished.\n`,
        );
        return 2;
      }
      if (!told && process.stderr.isTTY) io.err(`${err.message} Waiting for it…\n`);
      told = true;
      await new Promise((r) => setTimeout(r, 300));
    }
  }
  try {
    return await command(opened, args, io);
  } catch (err) {
    return report(io, err);
  } finally {
    await opened.close().catch(() => {});
  }
}

function report(io: CommandIo, err: unknown): number {
  const failure = failureOf(err);
  io.err(`gatehouse: ${failure.message}\n`);
  return failure.exitCode;
}

/** executeCommand, then exit with its code (a finished command must not linger). */
export async function runCommand<A>(
  config: Config,
  name: string,
  command: Command<A>,
  args: A,
  opts: RunOptions = {},
): Promise<never> {
  process.exit(await executeCommand(config, name, command, args, opts));
}
