/** One outgoing message. The body carries a bearer link, so it is never logged. */
export interface MailMessage {
  to: string;
  subject: string;
  html: string;
  text: string;
  /** Lets the provider drop a duplicate when a retry follows a send that did land. */
  idempotencyKey?: string;
}

export type MailResult =
  | { ok: true; providerId: string | null; attempts: number }
  | { ok: false; reason: string; attempts: number };

/** Anything that can deliver a message. Implementations never throw: they report. */
export interface Mailer {
  /** `signal` aborts the attempt in flight and any further retries (server shutdown). */
  send(message: MailMessage, signal?: AbortSignal): Promise<MailResult>;
}

export interface RetryPolicy {
  /** Total tries, including the first. */
  attempts: number;
  /** Delay before the second try; each later one triples it. */
  baseDelayMs: number;
  /** One try is abandoned after this long. */
  timeoutMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  attempts: 3,
  baseDelayMs: 1_000,
  timeoutMs: 10_000,
};
