import { request } from "node:http";

/** The JSON bodies these tests read: GraphQL results and the guard's refusals. */
export interface RawJson {
  data?: Record<string, { username?: string; isSuperuser?: boolean } | null> | null;
  errors?: { message: string; extensions?: { code?: string } }[];
  error?: string;
  status?: string;
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** The body parsed as JSON, or {} when it is not JSON. */
  json: RawJson;
}

/**
 * node:http rather than fetch: fetch will not let a test set Host, and these tests are
 * about exactly the headers a browser, a proxy or a tunnel would send.
 */
export function rawRequest(
  baseUrl: string,
  path: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<RawResponse> {
  const url = new URL(path, baseUrl);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname.replace(/^\[|\]$/g, ""),
        port: url.port,
        path: url.pathname + url.search,
        method: opts.method ?? "GET",
        headers: opts.headers,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          let json: RawJson = {};
          try {
            json = JSON.parse(text) as RawJson;
          } catch {
            json = {};
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(opts.body);
  });
}

/** A GraphQL POST with exactly these extra headers (Host, Origin, forwarding, cookies). */
export function rawGql(
  baseUrl: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<RawResponse> {
  return rawRequest(baseUrl, "/graphql", {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ query, variables }),
  });
}
