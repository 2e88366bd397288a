import type { RequestInfo, Viewer } from "../http/request.js";
import type { RequestTrace } from "../http/request-trace.js";
import type { Logger } from "../logger.js";
import type { Services } from "../services.js";

export interface Context {
  services: Services;
  viewer: Viewer | null;
  request: RequestInfo;
  /** Set-Cookie headers to send with the response (the console's session cookie). */
  responseCookies: string[];
  /** This request's logger (its lines carry reqId): log through it rather than services.logger. */
  log: Logger;
  /** What the access-log line will say (operation name, user id); filled as the request runs. */
  trace: RequestTrace;
}
