import type { IncomingMessage, ServerResponse } from "node:http";
import { type ApolloServer, HeaderMap } from "@apollo/server";
import { GraphQLError } from "graphql";
import { appScopedKeyOnGraphql } from "../features/api-keys/api-key.errors.js";
import { DuplicateSessionCookieError } from "../features/sessions/authenticator.js";
import {
  clearLegacySessionCookie,
  clearSessionCookies,
} from "../features/sessions/session-cookie.js";
import type { Context } from "../graphql/context.js";
import { databaseUnavailableError, isDatabaseUnavailable } from "../graphql/error-format.js";
import type { Services } from "../services.js";
import { BodyError, readBody } from "./body.js";
import { requestInfo } from "./request-info.js";
import { traceOf } from "./request-trace.js";

/** Large enough for a 64 KiB variable value with JSON escaping, small enough to be cheap. */
export const GRAPHQL_BODY_LIMIT = 256 * 1024;

function sendJsonError(res: ServerResponse, status: number, code: string, message: string): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
  res.end(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
}

/** Bridges node:http to Apollo: headers, body limit, context with the viewer, Set-Cookie. */
export function graphqlHandler(apollo: ApolloServer<Context>, services: Services) {
  return async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(", ") : value);
    }
    let body: unknown;
    if (req.method === "POST") {
      let text: string;
      try {
        text = await readBody(req, GRAPHQL_BODY_LIMIT);
      } catch (err) {
        if (err instanceof BodyError)
          return sendJsonError(res, err.status, "PAYLOAD_TOO_LARGE", err.message);
        throw err;
      }
      const type = headers.get("content-type") ?? "";
      if (type.includes("application/json")) {
        try {
          body = text === "" ? {} : JSON.parse(text);
        } catch {
          return sendJsonError(res, 400, "BAD_REQUEST", "The request body is not valid JSON.");
        }
      } else {
        body = text;
      }
    }
    const responseCookies: string[] = [];
    const trace = traceOf(req, services.logger);
    const result = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? "GET", headers, search: url.search, body },
      context: async () => {
        const request = requestInfo(req, services.config);
        for (const name of request.staleSessionCookies ?? [])
          responseCookies.push(clearLegacySessionCookie(name));
        // With a cookie domain, a same-name host-only cookie set before it is the usual
        // duplicate: clearing it lets the next request through (a planted Domain one stays).
        if (request.sessionCookieConflict && request.cookieDomain)
          responseCookies.push(...clearSessionCookies(request).slice(1));
        try {
          const viewer = await services.auth.authenticate(request);
          trace.userId = viewer?.userId ?? null;
          // An app-scoped key is for forward auth to those apps only.
          if (viewer?.apiKey?.appIds) {
            const err = appScopedKeyOnGraphql();
            throw new GraphQLError(err.message, {
              originalError: err,
              extensions: { code: err.code, http: { status: 401 } },
            });
          }
          return { services, viewer, request, responseCookies, log: trace.log, trace };
        } catch (err) {
          if (isDatabaseUnavailable(err)) throw databaseUnavailableError(err);
          if (err instanceof DuplicateSessionCookieError) {
            throw new GraphQLError(err.message, {
              originalError: err,
              extensions: { code: err.code, http: { status: 400 } },
            });
          }
          throw err;
        }
      },
    });
    for (const [key, value] of result.headers) res.setHeader(key, value);
    if (responseCookies.length > 0) res.setHeader("set-cookie", responseCookies);
    res.setHeader("cache-control", "no-store");
    res.statusCode = result.status ?? 200;
    if (result.body.kind === "complete") {
      res.end(result.body.string);
      return;
    }
    for await (const chunk of result.body.asyncIterator) res.write(chunk);
    res.end();
  };
}
