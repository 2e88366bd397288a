import type { ApolloServerPlugin } from "@apollo/server";
import { Limits } from "@gatehouse/shared";
import { type DocumentNode, GraphQLError, visit } from "graphql";
import { AppError, ErrorCode } from "../errors.js";
import { addressKey } from "../features/rate-limits/address-key.js";
import { RateLimitedError, SIGN_IN_PER_IP } from "../features/rate-limits/rate-limit.service.js";
import { SIGN_IN_ADDRESS_BUCKET } from "../features/rate-limits/sign-in-throttle.js";
import type { Context } from "./context.js";

/**
 * No column takes more than a variable value (64 KiB); longer strings only cost us work.
 * Counted in UTF-16 units, which is never fewer than the characters PostgreSQL counts.
 */
export const MAX_STRING_LENGTH = Limits.variableValueMaxBytes;

const LONE_SURROGATE = /\p{Cs}/u;

/** What PostgreSQL would refuse in a text value (with an error naming the SQL), or null. */
export function stringProblem(value: string): string | null {
  if (value.includes("\u0000")) return "contains a NUL character (\\u0000), which text cannot hold";
  if (LONE_SURROGATE.test(value))
    return "contains an unpaired UTF-16 surrogate (not valid Unicode)";
  if (value.length > MAX_STRING_LENGTH) return `is longer than ${MAX_STRING_LENGTH} characters`;
  return null;
}

function problemInValue(value: unknown, path: string): string | null {
  if (typeof value === "string") {
    const p = stringProblem(value);
    return p ? `${path} ${p}` : null;
  }
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const p = problemInValue(v, `${path}[${i}]`);
      if (p) return p;
    }
    return null;
  }
  if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      const p = problemInValue(v, `${path}.${k}`);
      if (p) return p;
    }
  }
  return null;
}

/**
 * Apollo keeps one parsed DocumentNode per distinct query text, so a document's own strings
 * are checked once, not on every request that sends the same query.
 */
const documentProblems = new WeakMap<DocumentNode, string | null>();

function problemInDocument(document: DocumentNode): string | null {
  const known = documentProblems.get(document);
  if (known !== undefined) return known;
  const found = walkDocument(document);
  documentProblems.set(document, found);
  return found;
}

function walkDocument(document: DocumentNode): string | null {
  let found: string | null = null;
  const args: string[] = [];
  visit(document, {
    Argument: { enter: (node) => void args.push(node.name.value), leave: () => void args.pop() },
    StringValue(node) {
      const p = found ? null : stringProblem(node.value);
      if (p) found = `The argument ${args.at(-1) ?? "(a default value)"} ${p}`;
    },
  });
  return found;
}

/** Any string in the operation, written inline or sent as a variable, that the database refuses. */
export function findInputProblem(
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
): string | null {
  for (const [name, value] of Object.entries(variables ?? {})) {
    const p = problemInValue(value, `The variable $${name}`);
    if (p) return p;
  }
  return problemInDocument(document);
}

function usesIntrospection(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Field(node) {
      if (node.name.value === "__schema" || node.name.value === "__type") found = true;
    },
  });
  return found;
}

function asGraphQLError(err: AppError, status: number): GraphQLError {
  return new GraphQLError(err.message, {
    originalError: err,
    extensions: { code: err.code, http: { status } },
  });
}

/**
 * Checks made once per operation, before any resolver runs:
 * - input PostgreSQL cannot store (NUL, broken UTF-16, absurd length) is refused with
 *   BAD_USER_INPUT, and counts against the client address's sign-in budget, so probing for
 *   database errors is throttled like password guessing;
 * - introspection in team mode needs a signed-in caller, unless GATEHOUSE_INTROSPECTION=true.
 */
export function requestGuardsPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request, contextValue }) {
          const problem = findInputProblem(document, request.variables);
          if (problem) {
            const { services, request: info } = contextValue;
            try {
              await services.rateLimits.consume(
                SIGN_IN_ADDRESS_BUCKET,
                addressKey(info.ip),
                SIGN_IN_PER_IP,
              );
            } catch (err) {
              if (err instanceof RateLimitedError) throw asGraphQLError(err, 429);
              throw err;
            }
            throw asGraphQLError(
              new AppError(ErrorCode.BAD_USER_INPUT, `${problem}; remove it and try again.`),
              400,
            );
          }
          const { config } = contextValue.services;
          if (
            !config.autoLogin &&
            !config.introspection &&
            contextValue.viewer === null &&
            usesIntrospection(document)
          ) {
            throw asGraphQLError(
              new AppError(
                ErrorCode.UNAUTHENTICATED,
                "Schema introspection needs a signed-in user; sign in (the console's playground uses your session), or let everyone introspect with GATEHOUSE_INTROSPECTION=true.",
              ),
              401,
            );
          }
        },
      };
    },
  };
}
