import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { type Logger, requestLogger } from "../logger.js";

/** What one request's access-log line says; the route and GraphQL layers fill it in. */
export interface RequestTrace {
  id: string;
  /** The request's child logger: every line it writes carries reqId. */
  log: Logger;
  /** Route-table name (graphql, healthz, console, not_found, ...); a bounded metrics label. */
  route: string;
  /** Probes and scrapes: their access lines go to debug, not info. */
  quiet: boolean;
  /** The GraphQL operation name, when there was one. */
  operation?: string;
  userId?: string | null;
}

export const REQUEST_ID_HEADER = "x-request-id";
const SANE_REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;
const traces = new WeakMap<IncomingMessage, RequestTrace>();

/**
 * A proxy's X-Request-Id is kept only when we trust the proxy and the value is harmless in
 * a log line and a header; otherwise the id is ours (random).
 */
export function chooseRequestId(req: IncomingMessage, trustProxy: boolean): string {
  const given = req.headers[REQUEST_ID_HEADER];
  if (trustProxy && typeof given === "string" && SANE_REQUEST_ID.test(given)) return given;
  return randomUUID();
}

export interface AccessLogSink {
  logger: Logger;
  trustProxy: boolean;
  /** Called once per request with its route, final status and duration (metrics). */
  observe(route: string, status: number, seconds: number): void;
}

/**
 * Starts a request: picks its id, echoes it, and writes one access line when the response
 * is done. Never logs the query string (it may hold a token, e.g. /auth/magic?token=),
 * headers, cookies or bodies.
 */
export function beginRequest(
  req: IncomingMessage,
  res: ServerResponse,
  sink: AccessLogSink,
): RequestTrace {
  const started = process.hrtime.bigint();
  const id = chooseRequestId(req, sink.trustProxy);
  // Taken now: the console handler rewrites req.url for its index.html fallback.
  const path = (req.url ?? "/").split("?")[0]!.slice(0, 256);
  res.setHeader(REQUEST_ID_HEADER, id);
  const trace = newTrace(req, sink.logger, id);
  res.once("close", () => {
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const line = {
      method: req.method,
      path,
      operation: trace.operation,
      status: res.statusCode,
      ms: Math.round(ms * 10) / 10,
      userId: trace.userId ?? null,
      // The client went away before the response was complete.
      aborted: res.writableFinished ? undefined : true,
    };
    if (trace.quiet) trace.log.debug(line, "request");
    else trace.log.info(line, "request");
    sink.observe(trace.route, res.statusCode, ms / 1000);
  });
  return trace;
}

/**
 * The trace of a request that went through beginRequest; code reached another way (a test
 * calling a route directly) gets a fresh one bound to `fallback`.
 */
export function traceOf(req: IncomingMessage, fallback: Logger): RequestTrace {
  const existing = traces.get(req);
  if (existing) return existing;
  return newTrace(req, fallback, randomUUID());
}

/** A request's trace before routing has named it, remembered for traceOf. */
function newTrace(req: IncomingMessage, root: Logger, id: string): RequestTrace {
  const trace: RequestTrace = { id, log: requestLogger(root, id), route: "unknown", quiet: false };
  traces.set(req, trace);
  return trace;
}

/** The per-request fields of a GraphQL context, for code that builds one by hand. */
export function requestContextParts(
  req: IncomingMessage,
  fallback: Logger,
): { log: Logger; trace: RequestTrace } {
  const trace = traceOf(req, fallback);
  return { log: trace.log, trace };
}
