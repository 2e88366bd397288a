import { ErrorCode } from "@gatehouse/shared";

export { ErrorCode } from "@gatehouse/shared";

/**
 * The one error type services throw. It carries a code from packages/shared and a
 * message a person can act on; the GraphQL layer turns it into `extensions.code`.
 * Services never import GraphQL, so this lives outside it.
 */
export class AppError extends Error {
  override name = "AppError";
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Extra, non-secret fields for `extensions` (e.g. retryAfterSeconds, reason). */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export const badInput = (message: string, field?: string): AppError =>
  new AppError(ErrorCode.BAD_USER_INPUT, message, field ? { field } : {});

export const notFound = (message: string): AppError => new AppError(ErrorCode.NOT_FOUND, message);
