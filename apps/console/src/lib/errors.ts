import { CombinedGraphQLErrors } from "@apollo/client";
import { ErrorCode } from "@gatehouse/shared";

export interface ApiError {
  code: string;
  message: string;
  extensions: Record<string, unknown>;
}

/** The first GraphQL error's code and message, or a network failure in words a person can use. */
export function apiError(error: unknown): ApiError | null {
  if (!error) return null;
  if (CombinedGraphQLErrors.is(error)) {
    const first = error.errors[0];
    const extensions = (first?.extensions ?? {}) as Record<string, unknown>;
    return {
      code: typeof extensions.code === "string" ? extensions.code : ErrorCode.INTERNAL_SERVER_ERROR,
      message: first?.message ?? "The server returned an error.",
      extensions,
    };
  }
  return {
    code: "NETWORK",
    message: "Could not reach the Gatehouse server. Check your connection and try again.",
    extensions: {},
  };
}

export function errorMessage(error: unknown): string {
  return apiError(error)?.message ?? "";
}

/** RATE_LIMITED errors may say when to retry (seconds); shown as a plain sentence. */
export function retryHint(err: ApiError): string {
  const raw = err.extensions.retryAfterSeconds ?? err.extensions.retryAfter;
  const seconds = typeof raw === "number" ? raw : Number(raw);
  if (!Number.isFinite(seconds) || seconds <= 0) return "Please wait a little and try again.";
  if (seconds < 90) return `Try again in ${Math.ceil(seconds)} seconds.`;
  return `Try again in ${Math.ceil(seconds / 60)} minutes.`;
}
