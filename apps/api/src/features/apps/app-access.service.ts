import type { Pool } from "pg";
import type { DataSource } from "typeorm";
import { LookupCoalescer } from "../../db/lookup-coalescer.js";
import type { Viewer } from "../../http/request.js";
import type {
  AccessDecision,
  AccessPolicy,
  AppRulePolicy,
  AppTarget,
  ReturnHosts,
} from "../forward-auth/access-policy.js";
import { AppAccessRule } from "./app.entity.js";
import type { DeclaredApp } from "./app.service.js";
import { candidatePatterns } from "./host-pattern.js";

interface DecisionRow {
  is_active: boolean;
  is_superuser: boolean;
  /** [id, name, name_key] of every group the user is in. */
  groups: [string, string, string][];
  apps: { id: string; name: string; hosts: string[]; access: AppAccessRule; groups: string[] }[];
  any_app: boolean;
}

/** The app a target resolved to, with its rule; group ids (stored) or name keys (declared). */
interface MatchedApp {
  id: string;
  name: string;
  access: AppAccessRule;
  groupIds: string[] | null;
  groupKeys: string[] | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An app's rule applied to a user's groups and superuser status (both already narrowed). */
function judge(
  app: MatchedApp,
  groups: [string, string, string][],
  superuser: boolean,
  allow: AccessDecision,
): AccessDecision {
  const appRef = { id: app.id, name: app.name };
  switch (app.access) {
    case AppAccessRule.ALL_USERS:
      return allow;
    case AppAccessRule.SUPERUSERS:
      return superuser ? allow : { outcome: "deny", app: appRef, reason: "superusers_only" };
    default: {
      const member = groups.some(
        ([id, , key]) => app.groupIds?.includes(id) || app.groupKeys?.includes(key),
      );
      return member ? allow : { outcome: "deny", app: appRef, reason: "not_in_group" };
    }
  }
}

/**
 * Forward auth's decision for every request of every protected app. Nothing is cached here:
 * one statement per decision (shared by the decisions that arrive while the previous one runs)
 * reads the user's state and groups and the stored app holding the host. /auth/verify asks
 * through an in-memory cache (forward-auth/verify-cache.ts) that the database's change
 * notifications keep exact. Declared apps come from configuration and are the same on every
 * instance.
 */
export class AppAccessService implements AccessPolicy, AppRulePolicy, ReturnHosts {
  /** Concurrent decisions share one statement; see LookupCoalescer for why that stays exact. */
  private readonly lookups = new LookupCoalescer<string, DecisionRow>((keys) => this.fetch(keys));

  constructor(
    private readonly ds: DataSource,
    private readonly declared: readonly DeclaredApp[],
    /** GATEHOUSE_FORWARD_AUTH_DEFAULT; null = allow until any app exists, then deny. */
    private readonly defaultMode: "allow" | "deny" | null,
  ) {}

  async decide(viewer: Viewer, target: AppTarget): Promise<AccessDecision> {
    const candidates = candidatePatterns(target);
    const row = await this.read(viewer.userId, candidates);
    if (!row?.is_active) return { outcome: "deny", app: null, reason: "inactive" };

    const app = this.match(row, candidates);
    const appRef = app ? { id: app.id, name: app.name } : null;
    const scope = viewer.apiKey ?? null;
    if (scope?.appIds && (!app || !scope.appIds.includes(app.id))) {
      return { outcome: "deny", app: appRef, reason: "key_scope" };
    }
    // A key scoped to groups speaks for those groups only.
    const groups = scope?.groupIds
      ? row.groups.filter(([id]) => scope.groupIds!.includes(id))
      : row.groups;
    const allow: AccessDecision = {
      outcome: "allow",
      app: appRef,
      groups: groups.map(([, name]) => name).sort((a, b) => a.localeCompare(b)),
    };

    if (!app) {
      const mode = this.defaultMode ?? (row.any_app || this.declared.length > 0 ? "deny" : "allow");
      return mode === "allow" ? allow : { outcome: "deny", app: null, reason: "unregistered_host" };
    }
    // Both: the role read now, and the viewer's (a narrower credential stays narrower).
    return judge(app, groups, viewer.isSuperuser && row.is_superuser, allow);
  }

  /**
   * The rule of the app with this id (stored: a UUID; declared: "config:<slug>") for a user,
   * read now: one statement, nothing cached, so a membership change bites on the next call.
   */
  async decideForApp(userId: string, appId: string): Promise<AccessDecision> {
    const declared = this.declared.find((d) => d.id === appId);
    const { rows } = await this.pool().query<{
      is_active: boolean;
      is_superuser: boolean;
      groups: [string, string, string][];
      app: { id: string; name: string; access: AppAccessRule; groups: string[] } | null;
    }>({
      name: "gatehouse_app_decision_by_id",
      text: `SELECT u.is_active, u.is_superuser,
        COALESCE((SELECT json_agg(json_build_array(g.id, g.name, g.name_key))
                    FROM group_members m JOIN groups g ON g.id = m.group_id
                   WHERE m.user_id = u.id), '[]') AS groups,
        (SELECT json_build_object('id', a.id, 'name', a.name, 'access', a.access,
                  'groups', ARRAY(SELECT ag.group_id FROM app_groups ag WHERE ag.app_id = a.id))
           FROM apps a WHERE a.id = $2::uuid) AS app
        FROM users u WHERE u.id = $1::uuid`,
      values: [UUID.test(userId) ? userId : null, UUID.test(appId) ? appId : null],
    });
    const row = rows[0];
    const app: MatchedApp | null = declared
      ? { ...declared, groupIds: null, groupKeys: declared.groupKeys }
      : row?.app
        ? { ...row.app, groupIds: row.app.groups, groupKeys: null }
        : null;
    const appRef = app ? { id: app.id, name: app.name } : null;
    if (!row?.is_active) return { outcome: "deny", app: appRef, reason: "inactive" };
    if (!app) return { outcome: "deny", app: null, reason: "unknown_app" };
    const allow: AccessDecision = {
      outcome: "allow",
      app: appRef,
      groups: row.groups.map(([, name]) => name).sort((a, b) => a.localeCompare(b)),
    };
    return judge(app, row.groups, row.is_superuser, allow);
  }

  async isAppHost(target: AppTarget): Promise<boolean> {
    const candidates = candidatePatterns(target);
    if (this.declared.some((d) => d.hosts.some((h) => candidates.includes(h)))) return true;
    const { rows } = await this.pool().query({
      name: "gatehouse_app_host",
      text: `SELECT EXISTS (SELECT 1 FROM apps WHERE hosts && $1::text[]) AS found`,
      values: [candidates],
    });
    return rows[0]?.found === true;
  }

  /** The most specific pattern wins; hosts are unique across apps, so ranks never tie. */
  private match(row: DecisionRow, candidates: string[]): MatchedApp | null {
    let best: MatchedApp | null = null;
    let bestRank = Number.POSITIVE_INFINITY;
    const consider = (hosts: readonly string[], app: MatchedApp) => {
      for (const h of hosts) {
        const rank = candidates.indexOf(h);
        if (rank !== -1 && rank < bestRank) {
          bestRank = rank;
          best = app;
        }
      }
    };
    for (const d of this.declared) {
      consider(d.hosts, { ...d, groupIds: null, groupKeys: d.groupKeys });
    }
    for (const a of row.apps) consider(a.hosts, { ...a, groupIds: a.groups, groupKeys: null });
    return best;
  }

  private read(userId: string, candidates: string[]): Promise<DecisionRow | undefined> {
    // Patterns never contain spaces or commas (host-pattern.ts), so this key is unambiguous.
    return this.lookups.load(`${userId} ${candidates.join(",")}`);
  }

  /**
   * One round trip for a batch of decisions that arrived together: per (user, patterns) the
   * user's state and groups, the stored apps holding any of the patterns (at most one per
   * pattern), and whether any app is stored at all (for the default). A named statement,
   * planned once per connection.
   */
  private async fetch(keys: string[]): Promise<Map<string, DecisionRow>> {
    const users = keys.map((k) => k.slice(0, k.indexOf(" ")));
    const patterns = keys.map((k) => k.slice(k.indexOf(" ") + 1));
    const { rows } = await this.pool().query<DecisionRow & { i: string }>({
      name: "gatehouse_app_decisions",
      text: `SELECT k.i, u.is_active, u.is_superuser,
        COALESCE((SELECT json_agg(json_build_array(g.id, g.name, g.name_key))
                    FROM group_members m JOIN groups g ON g.id = m.group_id
                   WHERE m.user_id = u.id), '[]') AS groups,
        COALESCE((SELECT json_agg(json_build_object('id', a.id, 'name', a.name, 'hosts', a.hosts,
                    'access', a.access,
                    'groups', ARRAY(SELECT ag.group_id FROM app_groups ag WHERE ag.app_id = a.id)))
                    FROM apps a WHERE a.hosts && string_to_array(k.patterns, ',')), '[]') AS apps,
        EXISTS (SELECT 1 FROM apps) AS any_app
        FROM unnest($1::uuid[], $2::text[]) WITH ORDINALITY AS k(user_id, patterns, i)
        JOIN users u ON u.id = k.user_id`,
      values: [users, patterns],
    });
    return new Map(rows.map((r) => [keys[Number(r.i) - 1]!, r]));
  }

  private pool(): Pool {
    return (this.ds.driver as unknown as { master: Pool }).master;
  }
}
