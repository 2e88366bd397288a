import { type CliOverrides, type Config, ConfigError, loadConfig } from "../config/config.js";
import { createLogger, type Logger } from "../logger.js";

/** Prints one line that says what to fix and exits non-zero. Never a stack trace for config. */
export function fail(message: string, code = 2): never {
  process.stderr.write(`gatehouse: ${message}\n`);
  process.exit(code);
}

export function describeStartupError(err: unknown): string {
  if (err instanceof ConfigError) return err.message;
  const e = err as { code?: string; message?: string };
  if (e?.code === "ECONNREFUSED")
    return "cannot reach the database at DATABASE_URL (connection refused); is PostgreSQL running?";
  if (e?.code === "28P01" || e?.code === "28000")
    return "the database refused the credentials in DATABASE_URL.";
  if (e?.code === "3D000")
    return "the database named in DATABASE_URL does not exist; create it first.";
  if (e?.code === "EADDRINUSE")
    return "the port is already in use; set GATEHOUSE_PORT or --port to a free one.";
  if (e?.code === "EACCES")
    return "permission denied (a port below 1024, or an unwritable GATEHOUSE_DATA_DIR).";
  return e?.message?.split("\n")[0] ?? String(err);
}

export function configOrExit(cli: CliOverrides): { config: Config; logger: Logger } {
  try {
    const config = loadConfig(process.env, cli);
    return { config, logger: createLogger(config.logLevel) };
  } catch (err) {
    fail(describeStartupError(err));
  }
}
