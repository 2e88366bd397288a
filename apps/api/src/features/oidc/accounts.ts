import type { Account, Client, FindAccount, KoaContextWithOIDC } from "oidc-provider";
import type { DataSource } from "typeorm";
import { LookupCoalescer } from "../../db/lookup-coalescer.js";
import type { AccessDecision, AppRulePolicy } from "../forward-auth/access-policy.js";
import type { UserEntity } from "../users/user.entity.js";

/** The user look-up the provider needs (features/users). */
export interface UserSource {
  findById(id: string): Promise<UserEntity | null>;
}

export const OIDC_SCOPES = ["openid", "offline_access", "profile", "email", "groups"];

/** Which claims each scope releases (what each claim means: docs/oidc.md). */
export const OIDC_CLAIMS = {
  openid: ["sub"],
  profile: ["name", "preferred_username", "is_superuser"],
  email: ["email", "email_verified"],
  groups: ["groups"],
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Why a user gets no tokens for a client linked to an app, for the redirect's error_description. */
export function denialText(decision: AccessDecision): string {
  if (decision.outcome === "allow") return "";
  const app = decision.app ? `"${decision.app.name}"` : "this app";
  switch (decision.reason) {
    case "superusers_only":
      return `Only Gatehouse superusers may use ${app}.`;
    case "not_in_group":
      return `You are not in a group that may use ${app}; ask an administrator for access.`;
    case "unknown_app":
      return "This client is linked to an app that no longer exists; ask an administrator.";
    default:
      return `Your account may not use ${app}.`;
  }
}

/** Tokens whose use must stop when the Gatehouse session behind their grant ends. */
const SESSION_BOUND = new Set(["RefreshToken", "AccessToken", "AuthorizationCode"]);

/**
 * Users as oidc-provider accounts, and the link between a grant and the Gatehouse session
 * it was given in. An inactive (or pending) user is no account at all, so no token is ever
 * issued or refreshed for them; a grant whose session was revoked is refused too.
 */
export class OidcAccounts {
  constructor(
    private readonly ds: DataSource,
    private readonly users: UserSource,
    /** The registered apps' access rules (features/apps, through the forward-auth seam). */
    private readonly rules: AppRulePolicy,
  ) {}

  /**
   * The app rule for a user and a client: allow when the client is linked to no app. Asked
   * at every authorization, code exchange, refresh and userinfo call, never cached, so a user
   * taken out of the app's groups gets no new token from the next call on.
   */
  async decide(userId: string, client: Client | undefined): Promise<AccessDecision> {
    const appId = client?.metadata().app_id;
    if (typeof appId !== "string" || !appId) return { outcome: "allow", app: null, groups: [] };
    return this.rules.decideForApp(userId, appId);
  }

  findAccount: FindAccount = async (ctx: KoaContextWithOIDC, sub, token) => {
    const user = UUID.test(sub) ? await this.users.findById(sub) : null;
    if (!user?.isActive) return undefined;
    const held = token as { grantId?: string; kind?: string; clientId?: string } | undefined;
    const { grantId, kind, clientId } = held ?? {};
    if (grantId && kind && SESSION_BOUND.has(kind) && !(await this.grantIsLive(grantId)))
      return undefined;
    // A token (code, refresh, access, device code) for a client whose app no longer admits
    // the user: "account not found", so the grant fails with invalid_grant (userinfo with
    // invalid_token). The authorization itself is refused earlier, in the interaction.
    if (clientId) {
      const client =
        ctx.oidc.client?.clientId === clientId
          ? ctx.oidc.client
          : await ctx.oidc.provider.Client.find(clientId);
      if ((await this.decide(user.id, client)).outcome !== "allow") return undefined;
    }
    return this.account(user);
  };

  /** True while the Gatehouse session the grant was given in exists. */
  async grantIsLive(grantId: string): Promise<boolean> {
    return (await this.liveGrants.load(grantId)) === true;
  }

  /** Concurrent checks share one statement (every refresh, code and userinfo call asks). */
  private readonly liveGrants = new LookupCoalescer<string, true>(async (ids) => {
    const rows = (await this.ds.query(
      `SELECT grant_id FROM oidc_grant_sessions WHERE grant_id = ANY($1::text[])`,
      [ids],
    )) as { grant_id: string }[];
    return new Map(rows.map((r) => [r.grant_id, true as const]));
  });

  async linkGrant(grantId: string, sessionId: string): Promise<void> {
    await this.ds.query(
      `INSERT INTO oidc_grant_sessions (grant_id, session_id) VALUES ($1, $2)
       ON CONFLICT (grant_id) DO UPDATE SET session_id = EXCLUDED.session_id`,
      [grantId, sessionId],
    );
  }

  /** Group names, read-only from the groups feature's tables. */
  private async groupNames(userId: string): Promise<string[]> {
    const rows = (await this.ds.query(
      `SELECT g.name FROM group_members m JOIN groups g ON g.id = m.group_id
        WHERE m.user_id = $1 ORDER BY g.name_key`,
      [userId],
    )) as { name: string }[];
    return rows.map((r) => r.name);
  }

  private account(user: UserEntity): Account {
    return {
      accountId: user.id,
      claims: async (_use, scope) => {
        const scopes = new Set(scope.split(" "));
        return {
          sub: user.id,
          preferred_username: user.username,
          name: user.displayName ?? user.username,
          email: user.email ?? undefined,
          email_verified: user.email ? user.emailVerified : undefined,
          is_superuser: user.isSuperuser,
          // Only read when asked for: a query per token otherwise.
          groups: scopes.has("groups") ? await this.groupNames(user.id) : undefined,
        };
      },
    };
  }
}
