import autocannon from "autocannon";

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
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
}

/** One autocannon run on loopback; bounded in time, so it always stops by itself. */
export async function load(spec: LoadSpec): Promise<LoadResult> {
  const r = await autocannon({
    url: spec.url,
    method: spec.method ?? "GET",
    headers: spec.headers,
    body: spec.body,
    duration: spec.seconds ?? 8,
    connections: spec.connections ?? 16,
    requests: spec.setupHeaders
      ? [{ setupRequest: (req) => ({ ...req, headers: spec.setupHeaders!() }) }]
      : undefined,
  });
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
  };
}

export function graphqlBody(query: string, variables?: Record<string, unknown>): string {
  return JSON.stringify({ query, variables });
}

export const JSON_HEADERS = { "content-type": "application/json" };
