import type { IncomingMessage } from "node:http";
import type Provider from "oidc-provider";
import type { Client } from "oidc-provider";
import type { Config } from "../../config/config.js";
import type { RequestInfo, Viewer } from "../../http/request.js";
import { requestInfo } from "../../http/request-info.js";
import type { Logger } from "../../logger.js";
import type { AccessDecision } from "../forward-auth/access-policy.js";
import type { RateLimitPolicy } from "../rate-limits/rate-limit.service.js";
import type { AuditSink } from "../secrets/secrets.service.js";

/** What the provider's routes read (a narrow view of Services, so no import cycle). */
export interface OidcRouteServices {
  config: Config;
  logger: Logger;
  oidc: {
    host: { provider(): Promise<Provider> };
    audit: AuditSink;
    accounts: {
      linkGrant(grantId: string, sessionId: string): Promise<void>;
      decide(userId: string, client: Client | undefined): Promise<AccessDecision>;
    };
    viewerOf(req: IncomingMessage): Promise<Viewer | null>;
    clients: { isRedirectOrigin(origin: string): Promise<boolean> };
    infoIp(req: IncomingMessage): string;
  };
  rateLimits: { consume(bucket: string, key: string, policy: RateLimitPolicy): Promise<number> };
}

/** What the request looked like before the route rewrote its forwarded headers. */
const originalInfo = new WeakMap<IncomingMessage, RequestInfo>();

export function rememberInfo(req: IncomingMessage, config: Config): RequestInfo {
  const info = requestInfo(req, config);
  originalInfo.set(req, info);
  return info;
}

export function infoOf(req: IncomingMessage, config: Config): RequestInfo {
  return originalInfo.get(req) ?? requestInfo(req, config);
}
