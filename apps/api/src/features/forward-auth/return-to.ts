import { parseReturnTarget, type ReturnUrl } from "@gatehouse/shared";
import type { Config } from "../../config/config.js";
import type { ReturnHosts } from "./access-policy.js";

/**
 * Where a browser may be sent after signing in (issue 14, "back to the app"): a path on the
 * console, the console's own origin, a host under GATEHOUSE_COOKIE_DOMAIN, or a registered
 * app's host (ReturnHosts). Everything else is the console's "/". Every sign-in method asks
 * here, at the start of the flow and again at its end (a stored destination is only as
 * trustworthy as the check that reads it back).
 */
export class ReturnToService {
  private readonly publicOrigin: string;
  private readonly httpsOnly: boolean;

  constructor(
    private readonly config: Config,
    private readonly hosts: ReturnHosts,
  ) {
    const url = new URL(config.publicUrl);
    this.publicOrigin = url.origin;
    // Behind HTTPS a session must never be walked to a plain-HTTP page.
    this.httpsOnly = url.protocol === "https:";
  }

  /** The destination for `next`: a same-site path, an allowed absolute URL, or "/". */
  async resolve(next: string | null | undefined): Promise<string> {
    return (await this.allowed(next)) ?? "/";
  }

  /** Like resolve, but null when `next` is missing or refused (the caller keeps its default). */
  async allowed(next: string | null | undefined): Promise<string | null> {
    const target = parseReturnTarget(next);
    if (target === null) return null;
    if (target.kind === "path") return target.path;
    return (await this.allowsUrl(target.url)) ? target.url.href : null;
  }

  private async allowsUrl(url: ReturnUrl): Promise<boolean> {
    if (this.httpsOnly && url.protocol !== "https:") return false;
    if (url.origin === this.publicOrigin) return true;
    // Any port: the cookie reaches every port of those hosts anyway.
    const domain = this.config.crossSite.cookieDomain;
    if (domain && (url.hostname === domain || url.hostname.endsWith(`.${domain}`))) return true;
    return this.hosts.isAppHost({ hostname: url.hostname, port: url.port });
  }
}
