import type { Viewer } from "../../http/request.js";

// The seam between forward auth (features/forward-auth: the /auth/verify route, return-to-app
// checks) and the registered apps and groups that decide who may use what (features/apps,
// features/groups). Forward auth asks; the apps feature answers. Neither imports the other's
// service: services.ts hands forward auth an implementation of these interfaces.

/** The app a request is for, as the proxy forwarded it (lower-case host, port if not default). */
export interface AppTarget {
  /** Lower-case host name, without port, e.g. "chat.example.com". */
  hostname: string;
  /** The port the browser used, or null for the scheme's default. */
  port: number | null;
}

export type AccessDecision =
  | {
      outcome: "allow";
      /** The registered app whose host matched, or null (unregistered host, default allows). */
      app: { id: string; name: string } | null;
      /** The viewer's group names as the app should see them (after any API-key group scope). */
      groups: string[];
    }
  | {
      outcome: "deny";
      app: { id: string; name: string } | null;
      /** Why, for the audit counters and the 403 body; never secret. */
      reason:
        | "not_in_group"
        | "superusers_only"
        | "inactive"
        | "unregistered_host"
        | "key_scope"
        | "unknown_app";
    };

/** Decides whether a signed-in viewer may use the app at a host. */
export interface AccessPolicy {
  decide(viewer: Viewer, target: AppTarget): Promise<AccessDecision>;
}

/**
 * Decides whether a user may use a registered app named by its id, not by a host: OpenID
 * Connect clients linked to an app (features/oidc) ask this for every authorization, code
 * exchange, refresh and userinfo call. An app id that names no app denies ("unknown_app").
 */
export interface AppRulePolicy {
  decideForApp(userId: string, appId: string): Promise<AccessDecision>;
}

/** Hosts a browser may be sent back to after signing in (registered apps' hosts). */
export interface ReturnHosts {
  /** True when some registered app (declared or stored) covers this host and port. */
  isAppHost(target: AppTarget): Promise<boolean>;
}
