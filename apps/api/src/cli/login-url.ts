import { systemClock } from "../clock.js";
import type { CliOverrides } from "../config/config.js";
import { openDatabase } from "../db/database.js";
import { AppError } from "../errors.js";
import { AuditService } from "../features/audit/audit.service.js";
import { MagicLinkService } from "../features/magic-links/magic-link.service.js";
import { MagicLinkRequestService } from "../features/magic-links/magic-link-requests.service.js";
import { BackgroundTasks } from "../features/mail/background.js";
import { RateLimitService } from "../features/rate-limits/rate-limit.service.js";
import { createLogger } from "../logger.js";
import { configOrExit, describeStartupError, fail } from "./common.js";

/**
 * `gatehouse login-url <email|username>`: prints a fresh single-use sign-in link, for a
 * server nobody can reach the console of yet. The link alone goes to stdout (scriptable);
 * who it is for and when it expires go to stderr.
 */
export async function runLoginUrl(who: string, cli: CliOverrides): Promise<void> {
  const { config } = configOrExit(cli);
  if (!who.trim())
    fail("give the user's email or username, e.g. `gatehouse login-url ada@example.com`.");
  const logger = createLogger("warn", false);
  let db: Awaited<ReturnType<typeof openDatabase>>;
  try {
    db = await openDatabase(config, logger);
  } catch (err) {
    fail(describeStartupError(err));
  }
  const links = new MagicLinkService(db.dataSource, config, systemClock);
  const requests = new MagicLinkRequestService({
    dataSource: db.dataSource,
    config,
    logger,
    links,
    audit: new AuditService(db.dataSource),
    rateLimits: new RateLimitService(db.dataSource, systemClock),
    background: new BackgroundTasks(logger),
    // The CLI never mails: the person running it hands the link over.
    mailer: null,
  });
  let out: Awaited<ReturnType<MagicLinkRequestService["issueForCli"]>>;
  try {
    out = await requests.issueForCli(who);
  } catch (err) {
    await db.close().catch(() => {});
    if (err instanceof AppError) fail(err.message);
    fail(describeStartupError(err));
  }
  await db.close();
  const minutes = Math.round(config.magicLinkTtlMs / 60_000);
  process.stderr.write(
    `Sign-in link for ${out.user.username} <${out.user.email}>: works once, expires ${out.link.expiresAt.toISOString()} (in ${minutes} min).\n`,
  );
  process.stdout.write(`${out.link.url}\n`);
}
