import type { IncomingMessage, ServerResponse } from "node:http";
import type { Config } from "../../config/config.js";
import type { Metrics } from "./metrics.js";
import { metricsAccess } from "./metrics-access.js";

function refuse(res: ServerResponse, status: number, error: string, extra: Record<string, string>) {
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "cache-control": "no-store",
    ...extra,
  });
  res.end(JSON.stringify({ error }));
}

/** GET /metrics: Prometheus text, for loopback scrapers or holders of GATEHOUSE_METRICS_TOKEN. */
export function metricsRoute(metrics: Metrics, config: Pick<Config, "metrics">) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (!config.metrics.enabled) return refuse(res, 404, "Not found", {});
    if (req.method !== "GET" && req.method !== "HEAD")
      return refuse(res, 405, "Method not allowed", { allow: "GET, HEAD" });
    const access = metricsAccess(req, config.metrics.token);
    if (access === "no_token")
      return refuse(
        res,
        403,
        "Metrics are served to loopback clients only; set GATEHOUSE_METRICS_TOKEN to scrape from elsewhere.",
        {},
      );
    if (access === "bad_token")
      return refuse(res, 401, "A valid metrics bearer token is required.", {
        "www-authenticate": 'Bearer realm="metrics"',
      });
    const { contentType, body } = await metrics.render();
    res.writeHead(200, { "content-type": contentType, "cache-control": "no-store" });
    res.end(req.method === "HEAD" ? undefined : body);
  };
}
