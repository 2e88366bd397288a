import { type Logger, pino } from "pino";
import type { LogLevel } from "./config/config.js";

export type { Logger } from "pino";

/**
 * Paths that may carry secrets. Code should never log these in the first place;
 * redaction is the second line of defence.
 */
const REDACT = [
  "password",
  "*.password",
  "token",
  "*.token",
  "idToken",
  "*.idToken",
  "secret",
  "*.secret",
  "apiKey",
  "*.apiKey",
  "value",
  "*.value",
  "req.headers.authorization",
  "req.headers.cookie",
  'res.headers["set-cookie"]',
  "variables.password",
  "variables.token",
  "variables.value",
  "variables.idToken",
];

export function createLogger(
  level: LogLevel,
  pretty = process.stdout.isTTY === true,
  /** CLI commands: stdout is their result, so their logs go to stderr (fd 2). */
  fd: 1 | 2 = 1,
): Logger {
  const options = { level, base: undefined, redact: { paths: REDACT, censor: "[redacted]" } };
  if (pretty) {
    return pino({
      ...options,
      transport: {
        target: "pino-pretty",
        options: { colorize: true, translateTime: "HH:MM:ss", destination: fd },
      },
    });
  }
  return pino(options, pino.destination(fd));
}
