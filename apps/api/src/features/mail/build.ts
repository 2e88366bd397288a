import type { Config } from "../../config/config.js";
import type { Logger } from "../../logger.js";
import type { Metrics } from "../metrics/metrics.js";
import type { Mailer, RetryPolicy } from "./mail.types.js";
import { ResendMailer } from "./resend-mailer.js";

/** Mail in flight at shutdown gets this long; then it is abandoned (recorded as failed). */
export const MAIL_DRAIN_MS = 3_000;

/** Test seams for mail (part of the composition root's Overrides). */
export interface MailOverrides {
  /** Replaces the Resend mailer (only used when RESEND_API_KEY is set). */
  mailer?: Mailer;
  /** Shorter retries and timeouts for tests against the fake Resend. */
  mailRetry?: Partial<RetryPolicy>;
}

/** The mailer with its deliveries counted; null when RESEND_API_KEY is not set. */
export function buildMailer(
  config: Config,
  logger: Logger,
  metrics: Metrics,
  overrides: MailOverrides,
): Mailer | null {
  if (!config.resend) return null;
  const mailer = overrides.mailer ?? new ResendMailer(config.resend, logger, overrides.mailRetry);
  return metrics.countDeliveries(mailer);
}

/** Start-up line saying how magic links reach people (and what Google sign-in accepts). */
export function announceSignInChannels(config: Config, logger: Logger): void {
  if (config.resend)
    logger.info({ from: config.resend.from }, "magic links are emailed through Resend");
  else
    logger.info(
      "magic links are not emailed (no RESEND_API_KEY): superusers hand them out with emailLoginUrl or `gatehouse login-url`",
    );
  if (config.google && !config.google.clientSecret)
    logger.info(
      "Google sign-in accepts ID tokens; the redirect flow needs GOOGLE_CLIENT_SECRET too",
    );
}
