import type { IncomingMessage, ServerResponse } from "node:http";
import type { RouteHandler } from "../../http/request.js";
import type { Metrics } from "./metrics.js";

/**
 * Counts the Google redirect flow's outcomes. The callback always ends in a redirect: to
 * `/login?error=<reason>` when it refused, elsewhere once the session is set.
 */
export function countRedirectSignIns(
  services: { metrics: Metrics },
  route: RouteHandler,
): RouteHandler {
  return async (req: IncomingMessage, res: ServerResponse, url: URL) => {
    try {
      await route(req, res, url);
    } catch (err) {
      services.metrics.signIn("google", "error");
      throw err;
    }
    const location = String(res.getHeader("location") ?? "");
    const refused = /^\/login\?error=([a-z_]{1,40})/.exec(location);
    services.metrics.signIn("google", refused ? refused[1]! : "ok");
  };
}
