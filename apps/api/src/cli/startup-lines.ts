import type { Config } from "../config/config.js";
import { environmentWithFile } from "../config/config.js";
import type { Env } from "../config/parse.js";
import { misspelledVariables } from "../config/unknown-variables.js";
import type { Logger } from "../logger.js";

const AUTO_LOGIN_WARNING = (url: string) =>
  `auto-login is on: anyone who can reach ${url} is signed in as a superuser. To require sign-in, set GATEHOUSE_AUTO_LOGIN=false with GATEHOUSE_SUPERUSER and GATEHOUSE_SUPERUSER_PASSWORD.`;

/** Before start-up: settings that do nothing because of a typo. */
export function warnAboutMisspelledVariables(
  env: Env,
  envFile: string | undefined,
  logger: Logger,
) {
  for (const w of misspelledVariables(environmentWithFile(env, envFile)))
    logger.warn({ variable: w.name, suggestion: w.suggestion }, w.message);
}

/**
 * Once listening: on a terminal, plain lines a person reads (the URL, and in auto-login mode
 * who can get in and the one setting that changes it); otherwise the same as JSON log lines.
 */
export function announceListening(
  url: string,
  config: Config,
  logger: Logger,
  terminal = process.stdout.isTTY === true,
): void {
  const fields = {
    url,
    database: config.databaseUrl ? "postgres" : "embedded",
    authMode: config.autoLogin ? "AUTO_LOGIN" : "AUTHENTICATED",
  };
  if (!terminal) {
    logger.info(fields, `Gatehouse is listening on ${url}`);
    if (config.autoLogin) logger.warn({ authMode: fields.authMode }, AUTO_LOGIN_WARNING(url));
    return;
  }
  const lines: string[] = [];
  if (logger.isLevelEnabled("info")) lines.push("", `Gatehouse is listening on ${url}`);
  if (config.autoLogin && logger.isLevelEnabled("warn"))
    lines.push(
      "",
      `Warning: auto-login is on: anyone who can reach ${url} is signed in as a superuser.`,
      "To require sign-in, set GATEHOUSE_AUTO_LOGIN=false with GATEHOUSE_SUPERUSER and GATEHOUSE_SUPERUSER_PASSWORD.",
    );
  if (lines.length > 0) process.stdout.write(`${lines.join("\n")}\n\n`);
}
