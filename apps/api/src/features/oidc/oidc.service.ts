import type { IncomingMessage } from "node:http";
import type { DataSource } from "typeorm";
import type { Clock } from "../../clock.js";
import type { Config } from "../../config/config.js";
import type { Authenticator, Viewer } from "../../http/request.js";
import type { Logger } from "../../logger.js";
import type { AppRulePolicy } from "../forward-auth/access-policy.js";
import type { AuditSink, SecretsService } from "../secrets/secrets.service.js";
import { OidcAccounts, type UserSource } from "./accounts.js";
import { pruneExpiredPayloads } from "./oidc-adapter.js";
import { AggregatedAudit } from "./oidc-audit.js";
import { OidcClientService } from "./oidc-client.service.js";
import { OidcHost } from "./oidc-host.js";
import { infoOf } from "./route-context.js";
import { SigningKeys } from "./signing-keys.js";

export interface OidcDeps {
  config: Config;
  logger: Logger;
  dataSource: DataSource;
  clock: Clock;
  secrets: SecretsService;
  audit: AuditSink;
  auth: Authenticator;
  users: UserSource;
  /** The registered apps' access rules, applied to clients linked to an app (features/apps). */
  appRules: AppRulePolicy;
  /** Ends a Gatehouse session (features/sessions). */
  revokeSession(sessionId: string): Promise<boolean>;
}

const HOUR = 3_600_000;

/** Gatehouse as an OpenID Connect provider: clients, keys, accounts and the provider itself. */
export class OidcService {
  readonly clients: OidcClientService;
  readonly keys: SigningKeys;
  readonly accounts: OidcAccounts;
  readonly host: OidcHost;
  readonly audit: AuditSink;
  private readonly events: AggregatedAudit;
  private pruneTimer: NodeJS.Timeout | undefined;

  constructor(private readonly deps: OidcDeps) {
    const { config, dataSource: ds, clock } = deps;
    this.audit = deps.audit;
    this.events = new AggregatedAudit(deps.audit);
    this.clients = new OidcClientService(ds, clock, deps.audit, config.oidc.secretOverlapMs);
    this.keys = new SigningKeys(ds, deps.secrets, clock, config.oidc.keyGraceMs, deps.audit);
    this.accounts = new OidcAccounts(ds, deps.users, deps.appRules);
    this.host = new OidcHost({
      config,
      ds,
      clock,
      ring: deps.secrets.ring,
      clients: this.clients,
      accounts: this.accounts,
      keys: this.keys,
      logger: deps.logger,
      events: this.events,
      viewerOf: (req) => this.viewerOf(req),
      signOut: async (req) => {
        const viewer = await this.viewerOf(req);
        if (viewer?.sessionId) await deps.revokeSession(viewer.sessionId);
      },
    });
  }

  /**
   * The Gatehouse session behind a browser request: only the session cookie counts (not a
   * bearer token), and never the auto-login identity, which must not leak into other apps.
   */
  async viewerOf(req: IncomingMessage): Promise<Viewer | null> {
    const info = infoOf(req, this.deps.config);
    try {
      const viewer = await this.deps.auth.authenticate({ ...info, bearerToken: null });
      return viewer && !viewer.autoLogin && viewer.sessionId ? viewer : null;
    } catch {
      return null;
    }
  }

  infoIp(req: IncomingMessage): string {
    return infoOf(req, this.deps.config).ip;
  }

  /** New signing keys; every instance picks them up within seconds. */
  async rotateKeys(actor?: { userId: string | null; ip: string | null }): Promise<string[]> {
    const kids = await this.keys.rotate(actor);
    this.host.invalidate();
    return kids;
  }

  async prune(): Promise<number> {
    return pruneExpiredPayloads(this.deps.dataSource, this.deps.clock);
  }

  /** Start-up task: prune now and hourly (codes, tokens and interactions expire all the time). */
  async startHousekeeping(): Promise<void> {
    await this.prune();
    this.pruneTimer = setInterval(() => {
      this.prune().catch((err) => this.deps.logger.warn({ err }, "oidc housekeeping failed"));
    }, HOUR);
    this.pruneTimer.unref();
  }

  /** Shutdown task: stop pruning and write the pending aggregated audit lines. */
  async stop(): Promise<void> {
    clearInterval(this.pruneTimer);
    this.pruneTimer = undefined;
    await this.events.flush();
  }
}
