import type { DataSource } from "typeorm";
import type { Clock } from "./clock.js";
import type { Config } from "./config/config.js";
import type { AuthChangeFeed } from "./db/auth-changes.js";
import { type AccountServices, buildAccounts } from "./features/accounts/build.js";
import { ApiKeyService } from "./features/api-keys/api-key.service.js";
import { type AppServices, buildApps } from "./features/apps/build.js";
import { AuditService } from "./features/audit/audit.service.js";
import { buildVerifyReaders, type VerifyReaders } from "./features/forward-auth/build.js";
import { DenialAudit } from "./features/forward-auth/denial-audit.js";
import { ReturnToService } from "./features/forward-auth/return-to.js";
import { buildGoogle, type GoogleServices } from "./features/google/build.js";
import { GroupService } from "./features/groups/group.service.js";
import { MagicLinkService } from "./features/magic-links/magic-link.service.js";
import { MagicLinkRequestService } from "./features/magic-links/magic-link-requests.service.js";
import { BackgroundTasks } from "./features/mail/background.js";
import {
  announceSignInChannels,
  buildMailer,
  MAIL_DRAIN_MS,
  type MailOverrides,
} from "./features/mail/build.js";
import { settleInterruptedDeliveries } from "./features/mail/interrupted-deliveries.js";
import type { Mailer } from "./features/mail/mail.types.js";
import { Metrics } from "./features/metrics/metrics.js";
import { OidcService } from "./features/oidc/oidc.service.js";
import { type HashThreadOptions, HashThreads } from "./features/passwords/hash-threads.js";
import { type Argon2Params, PasswordService } from "./features/passwords/password.service.js";
import { PasswordChangeService } from "./features/passwords/password-change.service.js";
import { PasswordSignInService } from "./features/passwords/password-sign-in.service.js";
import { RateLimitService } from "./features/rate-limits/rate-limit.service.js";
import { SignInThrottle } from "./features/rate-limits/sign-in-throttle.js";
import { loadKeyRing } from "./features/secrets/key-ring.js";
import { SecretsService } from "./features/secrets/secrets.service.js";
import { ServerInfoService } from "./features/server-info/server-info.service.js";
import { SessionAuthenticator } from "./features/sessions/authenticator.js";
import { AccountHousekeeping } from "./features/sessions/housekeeping.js";
import { SessionService } from "./features/sessions/session.service.js";
import { UserService } from "./features/users/user.service.js";
import { AccountBootstrap } from "./features/users/user-bootstrap.js";
import { VariablesService } from "./features/variables/variable.service.js";
import type { Authenticator } from "./http/request.js";
import type { Logger } from "./logger.js";

/**
 * Pieces a test may swap: the mailer and its retry policy, the clock, hashing cost. (Google's
 * endpoints, its certificate source included, are settings: GOOGLE_OAUTH_CERTS_URL and the other Google endpoint settings.)
 */
export interface Overrides extends MailOverrides {
  clock?: Clock;
  /** Tests of sign-in flows hash with a cheap cost; production always uses ARGON2_PARAMS. */
  passwordHashing?: Argon2Params;
  /** Tests on a saturated machine hash at normal priority (idle threads would starve). */
  hashThreads?: HashThreadOptions;
  /** Tests: a fixed wait before forward auth's change listener reconnects (keep it down). */
  authListenerRetryMs?: number;
}

export interface Services extends GoogleServices, AppServices, AccountServices {
  config: Config;
  logger: Logger;
  dataSource: DataSource;
  clock: Clock;
  serverInfo: ServerInfoService;
  auth: Authenticator;
  passwords: PasswordService;
  audit: AuditService;
  rateLimits: RateLimitService;
  signInThrottle: SignInThrottle;
  sessions: SessionService;
  /** API keys (issue 14): created, listed, revoked; resolved by the authenticator. */
  apiKeys: ApiKeyService;
  users: UserService;
  /** Groups and their members (issue 14). */
  groups: GroupService;
  passwordSignIn: PasswordSignInService;
  passwordChange: PasswordChangeService;
  accountBootstrap: AccountBootstrap;
  secrets: SecretsService;
  variables: VariablesService;
  background: BackgroundTasks;
  /** Null when RESEND_API_KEY is not set. */
  mailer: Mailer | null;
  magicLinks: MagicLinkService;
  magicLinkRequests: MagicLinkRequestService;
  /** Where a browser may go after signing in (paths, the console, allowed app hosts). */
  returnTo: ReturnToService;
  /** This app's Prometheus registry and counters (never prom-client's global one). */
  metrics: Metrics;
  /** Forward-auth denials, counted and written to the audit log once a minute. */
  forwardAuthDenials: DenialAudit;
  /** /auth/verify's cached sessions, API keys and decisions, and what keeps them exact. */
  verify: VerifyReaders;
  /** Gatehouse as an OpenID Connect provider (issue 15). */
  oidc: OidcService;
  /**
   * Run in order once the database is ready, before the server listens (wrong-key guard,
   * superuser bootstrap, ...). A task that throws ConfigError stops start-up with its message.
   */
  startupTasks: ReadonlyArray<() => Promise<void>>;
  /** Run once on close, after HTTP drained and before the database closes. */
  shutdownTasks: ReadonlyArray<() => Promise<void>>;
}

export interface ServiceDeps {
  config: Config;
  logger: Logger;
  dataSource: DataSource;
  clock: Clock;
  /** What the pool hears on the auth-change channel (app.ts); without it nothing is cached. */
  authChanges?: AuthChangeFeed;
}

/**
 * The one composition root: every service, start-up and shutdown task is built here, once,
 * from config and the DataSource; nothing adds to the result afterwards.
 */
export function buildServices(deps: ServiceDeps, _overrides: Overrides = {}): Services {
  const { config } = deps;
  // Accounts (issue 3): users, passwords, sessions, audit, rate limits.
  const metrics = new Metrics(deps.dataSource, { processMetrics: config.metrics.enabled });
  const passwords = new PasswordService(
    new HashThreads(_overrides.hashThreads),
    _overrides.passwordHashing,
  );
  const audit = new AuditService(deps.dataSource);
  const rateLimits = new RateLimitService(deps.dataSource, deps.clock, (bucket) =>
    metrics.rateLimited(bucket),
  );
  const sessions = new SessionService(
    deps.dataSource,
    deps.clock,
    audit,
    config.sessionTtlMs,
    config.sessionMaxAgeMs,
  );
  const users = new UserService(deps.dataSource, deps.clock, passwords, sessions, audit);
  const signInThrottle = new SignInThrottle(rateLimits);
  const passwordSignIn = new PasswordSignInService(users, passwords, signInThrottle, audit);
  const passwordChange = new PasswordChangeService(
    users,
    passwords,
    sessions,
    signInThrottle,
    audit,
  );
  const accountBootstrap = new AccountBootstrap({ ...deps, passwords, audit });
  const housekeeping = new AccountHousekeeping(sessions, rateLimits, deps.logger);
  // Secrets (issue 5): a bad key stops start-up here with a one-line ConfigError.
  const secrets = new SecretsService(
    deps.dataSource,
    loadKeyRing(config, deps.logger),
    deps.logger,
    audit,
  );
  const variables = new VariablesService(deps.dataSource, secrets, audit);
  // Magic links, mail and Google (issue 4).
  const background = new BackgroundTasks(deps.logger);
  const mailer = buildMailer(config, deps.logger, metrics, _overrides);
  // Groups, registered apps and their access rules (issue 14); app hosts are return hosts.
  const groups = new GroupService(deps.dataSource, audit, users);
  const appServices = buildApps(config, deps.dataSource, groups, audit);
  const returnTo = new ReturnToService(config, appServices.appAccess);
  const magicLinks = new MagicLinkService(deps.dataSource, config, deps.clock);
  const magicLinkRequests = new MagicLinkRequestService({
    dataSource: deps.dataSource,
    config,
    logger: deps.logger,
    links: magicLinks,
    audit,
    rateLimits,
    sessions,
    background,
    mailer,
    returnTo,
  });
  const google = buildGoogle(deps, audit);
  const apiKeys = new ApiKeyService(deps.dataSource, deps.clock, audit);
  const auth = new SessionAuthenticator(sessions, users, config.autoLogin, apiKeys);
  // OpenID Connect provider (issue 15).
  const oidc = new OidcService({
    ...deps,
    secrets,
    audit,
    auth,
    users,
    appRules: appServices.appAccess,
    revokeSession: (id) => sessions.revoke(id),
  });
  const accounts = buildAccounts({
    ...deps,
    audit,
    rateLimits,
    signInThrottle,
    sessions,
    users,
    background,
    mailer,
    magicLinks,
    magicLinkRequests,
    passwordChange,
  });
  // Forward auth (issue 14): /auth/verify asks appServices.appAccess; denials are tallied.
  const forwardAuthDenials = new DenialAudit(audit, metrics);
  const verify = buildVerifyReaders({
    ...deps,
    sessions,
    apiKeys,
    users,
    access: appServices.appAccess,
    listenerRetryMs: _overrides.authListenerRetryMs,
  });
  metrics.watchVerifyCache(() => verify.cache);
  return {
    ...deps,
    ...google,
    ...appServices,
    ...accounts,
    background,
    mailer,
    magicLinks,
    magicLinkRequests,
    returnTo,
    serverInfo: new ServerInfoService(config),
    auth,
    apiKeys,
    passwords,
    audit,
    rateLimits,
    signInThrottle,
    sessions,
    users,
    groups,
    passwordSignIn,
    passwordChange,
    accountBootstrap,
    secrets,
    variables,
    metrics,
    forwardAuthDenials,
    verify,
    oidc,
    startupTasks: [
      () => secrets.verifyAtStartup(),
      () => appServices.apps.prepareDeclared(),
      () => accountBootstrap.run(),
      () => housekeeping.start(),
      async () => announceSignInChannels(config, deps.logger),
      async () => void (await settleInterruptedDeliveries({ ...deps, audit })),
      async () => {
        await magicLinks.prune();
        await google.googleFlows?.prune();
      },
      async () => forwardAuthDenials.start(),
      () => verify.listener.start(),
      () => oidc.startHousekeeping(),
    ],
    shutdownTasks: [
      () => housekeeping.stop(),
      // Closes the LISTEN connection and its reconnect timer; the cache is then bypassed.
      () => verify.listener.stop(),
      // Before the database closes: the last minute's denial counts are written.
      () => forwardAuthDenials.stop(),
      () => passwords.close(),
      // A hanging mail provider cannot hold up a restart: pending mail is abandoned.
      () => background.drain(MAIL_DRAIN_MS),
      () => oidc.stop(),
    ],
  };
}
