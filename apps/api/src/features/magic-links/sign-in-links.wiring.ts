import type { DataSource } from "typeorm";
import type { Clock } from "../../clock.js";
import type { Config } from "../../config/config.js";
import type { RouteHandler } from "../../http/request.js";
import type { Logger } from "../../logger.js";
import type { AuditService } from "../audit/audit.service.js";
import {
  CALLBACK_PATH,
  type GoogleRouteServices,
  googleCallbackRoute,
  googleStartRoute,
  START_PATH,
} from "../google/google.routes.js";
import { GoogleSignInService } from "../google/google.service.js";
import { GoogleLinkService } from "../google/google-link.service.js";
import { GoogleVerifier } from "../google/google-verifier.js";
import { IdTokenReplayGuard } from "../google/id-token-replay.js";
import { OAuthStateService } from "../google/oauth-state.service.js";
import { BackgroundTasks } from "../mail/background.js";
import { settleInterruptedDeliveries } from "../mail/interrupted-deliveries.js";
import type { Mailer, RetryPolicy } from "../mail/mail.types.js";
import { ResendMailer } from "../mail/resend-mailer.js";
import type { Metrics } from "../metrics/metrics.js";
import { countRedirectSignIns } from "../metrics/sign-in-metrics.js";
import type { RateLimitService } from "../rate-limits/rate-limit.service.js";
import type { SessionService } from "../sessions/session.service.js";
import { MagicLinkService } from "./magic-link.service.js";
import { MagicLinkRequestService } from "./magic-link-requests.service.js";

const SHUTDOWN_GRACE_MS = 3_000;

/** Test seams for issue 4's pieces (merged into the composition root's Overrides). */
export interface SignInLinkOverrides {
  /** Replaces the Resend mailer (only used when RESEND_API_KEY is set). */
  mailer?: Mailer;
  /** Shorter retries and timeouts for tests against the fake Resend. */
  mailRetry?: Partial<RetryPolicy>;
}

export interface SignInLinkServices {
  background: BackgroundTasks;
  mailer: Mailer | null;
  magicLinks: MagicLinkService;
  magicLinkRequests: MagicLinkRequestService;
  /** Null when GOOGLE_CLIENT_ID is not set. */
  googleSignIn: GoogleSignInService | null;
  /** Linking Google from My account; null when GOOGLE_CLIENT_ID is not set. */
  googleLinks: GoogleLinkService | null;
  /** Null unless GOOGLE_CLIENT_SECRET is set too (the redirect flow needs it). */
  googleFlows: OAuthStateService | null;
}

export function buildSignInLinkServices(
  deps: { config: Config; logger: Logger; dataSource: DataSource; clock: Clock },
  shared: {
    audit: AuditService;
    rateLimits: RateLimitService;
    sessions: SessionService;
    metrics?: Metrics;
  },
  overrides: SignInLinkOverrides = {},
): SignInLinkServices {
  const { config, logger, dataSource, clock } = deps;
  const background = new BackgroundTasks(logger);
  let mailer = config.resend
    ? (overrides.mailer ?? new ResendMailer(config.resend, logger, overrides.mailRetry))
    : null;
  if (mailer && shared.metrics) mailer = shared.metrics.countDeliveries(mailer);
  const magicLinks = new MagicLinkService(dataSource, config, clock);
  const magicLinkRequests = new MagicLinkRequestService({
    dataSource,
    config,
    logger,
    links: magicLinks,
    audit: shared.audit,
    rateLimits: shared.rateLimits,
    sessions: shared.sessions,
    background,
    mailer,
  });
  const googleSignIn = config.google
    ? new GoogleSignInService(
        dataSource,
        config,
        shared.audit,
        new GoogleVerifier(config.google),
        new IdTokenReplayGuard(dataSource, clock),
      )
    : null;
  const googleLinks = googleSignIn
    ? new GoogleLinkService(dataSource, shared.audit, googleSignIn)
    : null;
  const googleFlows = config.google?.clientSecret ? new OAuthStateService(dataSource, clock) : null;
  return {
    background,
    mailer,
    magicLinks,
    magicLinkRequests,
    googleSignIn,
    googleLinks,
    googleFlows,
  };
}

/**
 * Hooks that need the finished services object: the Google redirect routes, a start-up
 * line saying how links reach people, and draining pending mail on shutdown.
 */
export function attachSignInLinks(
  services: GoogleRouteServices & {
    dataSource: DataSource;
    clock: Clock;
    metrics: Metrics;
    background: BackgroundTasks;
    magicLinks: MagicLinkService;
    httpRoutes: Map<string, RouteHandler>;
    startupTasks: Array<() => Promise<void>>;
    shutdownTasks: Array<() => Promise<void>>;
  },
): void {
  const { config, logger } = services;
  services.httpRoutes.set(START_PATH, googleStartRoute(services));
  services.httpRoutes.set(
    CALLBACK_PATH,
    countRedirectSignIns(services, googleCallbackRoute(services)),
  );
  services.startupTasks.push(async () => {
    if (config.resend)
      logger.info({ from: config.resend.from }, "magic links are emailed through Resend");
    else
      logger.info(
        "magic links are not emailed (no RESEND_API_KEY): superusers hand them out with emailLoginUrl or `gatehouse login-url`",
      );
    if (config.google && !config.google.clientSecret)
      logger.info(
        "Google sign-in accepts ID tokens; the redirect flow needs GOOGLE_CLIENT_SECRET too",
      );
  });
  services.startupTasks.push(async () => void (await settleInterruptedDeliveries(services)));
  services.startupTasks.push(async () => {
    await services.magicLinks.prune();
    await services.googleFlows?.prune();
  });
  // Mail in flight gets a few seconds; then it is abandoned (recorded as failed) so a
  // hanging provider cannot hold up a restart.
  services.shutdownTasks.push(() => services.background.drain(SHUTDOWN_GRACE_MS));
}
