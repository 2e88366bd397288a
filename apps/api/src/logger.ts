import { AsyncLocalStorage } from "node:async_hooks";
import { type DestinationStream, type Logger, pino } from "pino";
import pretty from "pino-pretty";
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

/** The request an async call chain belongs to, so lines logged deep in a service carry its id. */
const requestScope = new AsyncLocalStorage<{ reqId: string }>();
/** Set on request child loggers (and inherited by their children): they already carry reqId. */
const HAS_REQ_ID = Symbol("gatehouse.reqId");

export function runInRequestScope<T>(reqId: string, fn: () => T): T {
  return requestScope.run({ reqId }, fn);
}

/** The per-request child logger: every line it writes names the request. */
export function requestLogger(root: Logger, reqId: string): Logger {
  const child = root.child({ reqId });
  (child as unknown as Record<symbol, boolean>)[HAS_REQ_ID] = true;
  return child;
}

/**
 * JSON lines by default (tests, containers, log shippers); human lines when stdout is a
 * terminal. pino-pretty runs in-process (not as a worker transport) so its lines and the
 * CLI's plain lines come out in the order they were written.
 */
export function createLogger(
  level: LogLevel,
  prettyOutput = process.stdout.isTTY === true,
  /** A stream (tests), or a file descriptor: CLI commands log to stderr (2), stdout is their result. */
  destination?: DestinationStream | 1 | 2,
): Logger {
  const fd = typeof destination === "number" ? destination : 1;
  const stream =
    (typeof destination === "object" ? destination : undefined) ??
    (prettyOutput
      ? pretty({
          colorize: true,
          translateTime: "HH:MM:ss",
          ignore: "pid,hostname",
          // One line per event: a terminal scrolls past multi-line objects too fast to read.
          singleLine: true,
          sync: true,
          destination: fd,
        })
      : pino.destination(fd));
  const options = {
    level,
    base: undefined,
    redact: { paths: REDACT, censor: "[redacted]" },
    // Code that logs through services.logger (not the request's child) still names the request.
    mixin(_obj: object, _level: number, logger: Logger) {
      const scope = requestScope.getStore();
      if (!scope || (logger as unknown as Record<symbol, boolean>)[HAS_REQ_ID]) return {};
      return { reqId: scope.reqId };
    },
  };
  return pino(options, stream);
}
