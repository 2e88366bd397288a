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

export function createLogger(level: LogLevel, pretty = process.stdout.isTTY === true): Logger {
  return pino({
    level,
    base: undefined,
    redact: { paths: REDACT, censor: "[redacted]" },
    transport: pretty
      ? { target: "pino-pretty", options: { colorize: true, translateTime: "HH:MM:ss" } }
      : undefined,
  });
}
