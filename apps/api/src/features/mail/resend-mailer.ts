import { setTimeout as sleep } from "node:timers/promises";
import { Resend } from "resend";
import type { ResendConfig } from "../../config/config.js";
import type { Logger } from "../../logger.js";
import {
  DEFAULT_RETRY_POLICY,
  type Mailer,
  type MailMessage,
  type MailResult,
  type RetryPolicy,
} from "./mail.types.js";

interface ResendFailure {
  /** Set when our own shutdown cut the exchange short (not the provider's doing). */
  interrupted?: boolean;
  statusCode?: number | null;
  name?: string;
  message?: string;
}

/**
 * Worth another try: the provider was unreachable, timed out, throttled us or failed
 * on its side. A 4xx other than 429 means the message itself is wrong; repeating it is useless.
 */
function isTransient(err: ResendFailure): boolean {
  const status = err.statusCode ?? null;
  if (status === null) return true;
  return status === 429 || status >= 500;
}

/** Short and free of message content: it is stored on the link and shown to superusers. */
function describe(err: ResendFailure): string {
  if (err.interrupted) return err.message ?? "interrupted";
  const status = err.statusCode ? `HTTP ${err.statusCode}` : "no response";
  const detail = (err.message ?? err.name ?? "unknown error").replace(/\s+/g, " ").slice(0, 200);
  return `${status}: ${detail}`;
}

/**
 * Sends through the official SDK. The base URL comes from our config (which reads
 * RESEND_BASE_URL from the environment or the --env-file), passed explicitly: the SDK would
 * otherwise only see process.env at construction.
 */
export class ResendMailer implements Mailer {
  private readonly client: Resend;
  private readonly policy: RetryPolicy;

  constructor(
    private readonly config: ResendConfig,
    private readonly logger: Logger,
    policy: Partial<RetryPolicy> = {},
  ) {
    this.client = new Resend(config.apiKey, config.baseUrl ? { baseUrl: config.baseUrl } : {});
    this.policy = { ...DEFAULT_RETRY_POLICY, ...policy };
  }

  async send(message: MailMessage, stop?: AbortSignal): Promise<MailResult> {
    let last: ResendFailure = { message: "not attempted" };
    let used = 0;
    const interrupted: ResendFailure = {
      interrupted: true,
      message: "interrupted: the server shut down before Resend answered",
    };
    for (let attempt = 1; attempt <= this.policy.attempts; attempt++) {
      if (attempt > 1) {
        const pause = this.policy.baseDelayMs * 3 ** (attempt - 2);
        await sleep(pause, undefined, { signal: stop }).catch(() => {});
      }
      if (stop?.aborted) {
        last = interrupted;
        break;
      }
      used = attempt;
      const timeout = AbortSignal.timeout(this.policy.timeoutMs);
      const signal = stop ? AbortSignal.any([timeout, stop]) : timeout;
      const timedOut = { statusCode: null, message: `timed out after ${this.policy.timeoutMs} ms` };
      try {
        const { data, error } = await this.client.emails.send(
          {
            from: this.config.from,
            to: [message.to],
            subject: message.subject,
            html: message.html,
            text: message.text,
          },
          // The SDK hands the signal to fetch(), so it bounds the whole exchange.
          { idempotencyKey: message.idempotencyKey, signal },
        );
        if (!error) return { ok: true, providerId: data?.id ?? null, attempts: attempt };
        last = stop?.aborted ? interrupted : timeout.aborted ? timedOut : (error as ResendFailure);
      } catch (err) {
        last = stop?.aborted
          ? interrupted
          : timeout.aborted
            ? timedOut
            : { statusCode: null, message: (err as Error)?.name };
      }
      this.logger.warn(
        { attempt, of: this.policy.attempts, status: last.statusCode ?? null },
        "Resend did not accept a message",
      );
      if (last.interrupted || !isTransient(last)) break;
    }
    return { ok: false, reason: describe(last), attempts: used };
  }
}
