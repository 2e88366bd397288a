import autocannon from "autocannon";

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  /** Responses the spec's `check` refused (e.g. a GraphQL error inside an HTTP 200). */
  refused: number;
}

export interface LoadSpec {
  url: string;
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  body?: string;
  seconds?: number;
  connections?: number;
  /** Headers per request (e.g. a different client address each time). */
  setupHeaders?: () => Record<string, string>;
  /** Body per request (e.g. a different account each time). */
  setupBody?: () => string;
  /** Whether a response body is a real answer; the rest are counted in `refused`. */
  check?: (body: string) => boolean;
}

/** One autocannon run on loopback; bounded in time, so it always stops by itself. */
export async function load(spec: LoadSpec): Promise<LoadResult> {
  let refused = 0;
  const perRequest = spec.setupHeaders || spec.setupBody || spec.check;
  const r = await autocannon({
    url: spec.url,
    method: spec.method ?? "GET",
    headers: spec.headers,
    body: spec.body,
    duration: spec.seconds ?? 8,
    connections: spec.connections ?? 16,
    requests: perRequest
      ? [
          {
            setupRequest: (req) => ({
              ...req,
              ...(spec.setupHeaders ? { headers: spec.setupHeaders() } : {}),
              ...(spec.setupBody ? { body: spec.setupBody() } : {}),
            }),
            onResponse: (_status, body) => {
              if (spec.check && !spec.check(body)) refused++;
            },
          },
        ]
      : undefined,
  });
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
    refused,
  };
}

export function graphqlBody(query: string, variables?: Record<string, unknown>): string {
  return JSON.stringify({ query, variables });
}

export const JSON_HEADERS = { "content-type": "application/json" };
