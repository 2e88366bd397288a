import { parseReturnTarget, type ReturnUrl } from "@gatehouse/shared";
import type { Config } from "../../config/config.js";
import { INTERACTION_PATH } from "../oidc/paths.js";
import type { ReturnHosts } from "./access-policy.js";

/**
 * Where a browser may be sent after signing in (issue 14, "back to the app"): a path on the
 * console, the console's own origin, a host under GATEHOUSE_COOKIE_DOMAIN, or a registered
 * app's host (ReturnHosts). Everything else is the console's "/". Every sign-in method asks
 * here, at the start of the flow and again at its end (a stored destination is only as
 * trustworthy as the check that reads it back).
 */
export class ReturnToService {
  constructor(
    private readonly config: Config,
    private readonly hosts: ReturnHosts,
  ) {}

  /**
   * Read per call: without GATEHOUSE_PUBLIC_URL the public URL is known only once the server
   * listens (app.ts sets the real port then), after this service was built.
   */
  private get publicOrigin(): string {
    return new URL(this.config.publicUrl).origin;
  }

  /** Behind HTTPS a session must never be walked to a plain-HTTP page. */
  private get httpsOnly(): boolean {
    return this.config.publicUrl.startsWith("https:");
  }

  /** The destination for `next`: a same-site path, an allowed absolute URL, or "/". */
  async resolve(next: string | null | undefined): Promise<string> {
    return (await this.allowed(next)) ?? "/";
  }

  /** Like resolve, but null when `next` is missing or refused (the caller keeps its default). */
  async allowed(next: string | null | undefined): Promise<string | null> {
    const target = parseReturnTarget(next);
    if (target === null) return null;
    if (target.kind === "path") return this.serverPath(target.path);
    return (await this.allowsUrl(target.url)) ? target.url.href : null;
  }

  /**
   * An app's OpenID Connect sign-in (`/oidc/interaction/<uid>`) is served by the API, not
   * the console: as an absolute URL on the public URL, every sign-in method (the console's
   * magic-link page included) leaves the console with a full page load to finish it.
   */
  private serverPath(path: string): string {
    if (!path.startsWith(`${INTERACTION_PATH}/`)) return path;
    return `${this.config.publicUrl.replace(/\/+$/, "")}${path}`;
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
