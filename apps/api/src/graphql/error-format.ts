import { GraphQLError, type GraphQLFormattedError } from "graphql";
import { ArgumentValidationError } from "type-graphql";
import { AppError, ErrorCode } from "../errors.js";
import type { Logger } from "../logger.js";

/** Codes graphql-js and Apollo produce themselves; they are safe to pass through. */
const PASS_THROUGH = new Set([
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_USER_INPUT",
  "BAD_REQUEST",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
  "OPERATION_RESOLUTION_FAILURE",
]);

const DB_DOWN = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "57P01",
  "57P03",
  "08006",
  "08001",
]);

export function isDatabaseUnavailable(err: unknown): boolean {
  if (!err || typeof err !== "object") return false;
  const e = err as { code?: string; name?: string; message?: string; driverError?: unknown };
  if (e.code && DB_DOWN.has(e.code)) return true;
  // TypeORM releases a transaction's runner when its connection dies mid-transaction (the
  // database went away); the next statement in that transaction then fails with this.
  if (e.name === "QueryRunnerAlreadyReleasedError") return true;
  if (
    typeof e.message === "string" &&
    /Connection terminated|timeout exceeded when trying to connect|Query read timeout/i.test(
      e.message,
    )
  ) {
    return true;
  }
  return e.driverError ? isDatabaseUnavailable(e.driverError) : false;
}

export const DATABASE_UNAVAILABLE_MESSAGE =
  "The database is unavailable right now; try again shortly.";

/**
 * For failures before execution (the request context needs the database to find the viewer):
 * Apollo would answer those with HTTP 500; a database outage is a 503 with the usual code.
 */
export function databaseUnavailableError(cause: unknown): GraphQLError {
  return new GraphQLError(DATABASE_UNAVAILABLE_MESSAGE, {
    originalError: cause instanceof Error ? cause : undefined,
    extensions: { code: ErrorCode.DATABASE_UNAVAILABLE, http: { status: 503 } },
  });
}

/**
 * The one place errors become GraphQL errors: known ones keep their code and message,
 * everything else is logged and reaches the client as INTERNAL_SERVER_ERROR without internals.
 */
export function makeFormatError(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = (error as { originalError?: unknown })?.originalError ?? error;
    const base = {
      message: formatted.message,
      locations: formatted.locations,
      path: formatted.path,
    };
    if (original instanceof AppError) {
      return {
        ...base,
        message: original.message,
        extensions: { ...original.extra, code: original.code },
      };
    }
    if (original instanceof ArgumentValidationError) {
      const problems = original.extensions.validationErrors as {
        property: string;
        constraints?: Record<string, string>;
      }[];
      const first = problems.flatMap((p) => Object.values(p.constraints ?? {}))[0];
      return {
        ...base,
        message: first ?? "Some arguments are not valid.",
        extensions: { code: ErrorCode.BAD_USER_INPUT, fields: problems.map((p) => p.property) },
      };
    }
    const code = formatted.extensions?.code;
    if (typeof code === "string" && PASS_THROUGH.has(code)) {
      return { ...base, extensions: { code } };
    }
    if (isDatabaseUnavailable(original)) {
      logger.warn({ err: original }, "database unavailable");
      return {
        ...base,
        message: DATABASE_UNAVAILABLE_MESSAGE,
        extensions: { code: ErrorCode.DATABASE_UNAVAILABLE },
      };
    }
    logger.error({ err: original, path: formatted.path }, "unexpected error");
    return {
      ...base,
      message: "Something went wrong on our side; it has been logged.",
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}
