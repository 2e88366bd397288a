import { checkUsername, normalizeUsername } from "@gatehouse/shared";
import { checkNewPassword } from "@gatehouse/shared/password-strength";
import type { DataSource } from "typeorm";
import type { Config } from "../../config/config.js";
import { ConfigError } from "../../config/config-error.js";
import type { Logger } from "../../logger.js";
import { AuditAction, type AuditService } from "../audit/audit.service.js";
import type { PasswordService } from "../passwords/password.service.js";
import { DEFAULT_USERNAME } from "../sessions/authenticator.js";

export interface BootstrapDeps {
  config: Config;
  logger: Logger;
  dataSource: DataSource;
  passwords: PasswordService;
  audit: AuditService;
}

export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, "").toLowerCase();
  return (
    h === "localhost" || h === "::1" || /^127\.\d+\.\d+\.\d+$/.test(h) || /^::ffff:127\./.test(h)
  );
}

export type BootstrapOutcome = "created" | "exists";

/** TypeORM answers an UPDATE ... RETURNING with [rows, affected count]. */
function returnedId(result: unknown): string | undefined {
  const rows = (Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result) as
    | { id?: string }[]
    | undefined;
  return rows?.[0]?.id;
}

/** Audit detail of the team-mode deactivation; auto-login mode undoes exactly this one. */
export const DEFAULT_USER_RETIRED = `team mode: the auto-login user "${DEFAULT_USERNAME}" was deactivated at start-up`;

/**
 * Inserts a user unless the (case-insensitive) username exists. ON CONFLICT makes it safe when
 * several instances start at once: exactly one insert wins, the others see "exists".
 */
async function insertIfMissing(
  ds: DataSource,
  username: string,
  passwordHash: string | null,
): Promise<string | null> {
  const rows: { id: string }[] = await ds.query(
    `INSERT INTO "users" ("username", "username_key", "is_active", "is_superuser", "password_hash")
     VALUES ($1, $2, true, true, $3)
     ON CONFLICT ("username_key") DO NOTHING
     RETURNING "id"`,
    [username, username.toLowerCase(), passwordHash],
  );
  return rows[0]?.id ?? null;
}

/** Start-up account checks: auto-login's default user and bind guard, or the env superuser. */
export class AccountBootstrap {
  constructor(private readonly deps: BootstrapDeps) {}

  async run(): Promise<void> {
    const { config } = this.deps;
    if (config.autoLogin) {
      this.checkAutoLoginBind();
      await this.ensureDefaultUser();
      if (config.superuser) {
        this.forgetEnvPassword();
        this.deps.logger.info(
          "GATEHOUSE_SUPERUSER is only used when auto-login is off; it was not applied",
        );
      }
      return;
    }
    if (config.superuser?.password !== undefined) {
      await this.bootstrapEnvSuperuser();
    } else if (!(await this.hasUsableSuperuser())) {
      throw new ConfigError(
        "auto-login is off and no superuser can sign in: set GATEHOUSE_SUPERUSER and GATEHOUSE_SUPERUSER_PASSWORD, or create one with `gatehouse superuser`.",
      );
    }
    await this.retireDefaultUser();
  }

  /**
   * The auto-login superuser has no business in team mode (a forgotten superuser is a
   * backdoor waiting for a bug): deactivate it, audited. A superuser who turns it back on
   * (an audited activation with an actor) is obeyed from then on.
   */
  async retireDefaultUser(): Promise<void> {
    const { dataSource, audit, logger } = this.deps;
    // One statement, so instances starting together deactivate (and audit) it once.
    const result: unknown = await dataSource.query(
      `UPDATE "users" u SET "is_active" = false, "updated_at" = now()
       WHERE u."username_key" = $1 AND u."is_active"
         AND NOT EXISTS (SELECT 1 FROM "audit_events" a WHERE a."target_id" = u."id"::text
                           AND a."action" = $2 AND a."actor_id" IS NOT NULL)
       RETURNING u."id"`,
      [DEFAULT_USERNAME, AuditAction.USER_ACTIVATED],
    );
    const id = returnedId(result);
    if (!id) return;
    await audit.record({
      action: AuditAction.USER_DEACTIVATED,
      targetId: id,
      detail: DEFAULT_USER_RETIRED,
    });
    logger.info(
      `deactivated the auto-login user "${DEFAULT_USERNAME}" (team mode); a superuser can activate it again in the console`,
    );
  }

  /** Back in auto-login mode: undo the team-mode deactivation, and only that one. */
  private async restoreDefaultUser(): Promise<boolean> {
    const { dataSource, audit, logger } = this.deps;
    const result: unknown = await dataSource.query(
      `UPDATE "users" u SET "is_active" = true, "updated_at" = now()
       WHERE u."username_key" = $1 AND NOT u."is_active"
         AND (SELECT a."detail" FROM "audit_events" a WHERE a."target_id" = u."id"::text
                AND a."action" IN ($2, $3) ORDER BY a."id" DESC LIMIT 1) = $4
       RETURNING u."id"`,
      [
        DEFAULT_USERNAME,
        AuditAction.USER_ACTIVATED,
        AuditAction.USER_DEACTIVATED,
        DEFAULT_USER_RETIRED,
      ],
    );
    const id = returnedId(result);
    if (!id) return false;
    await audit.record({
      action: AuditAction.USER_ACTIVATED,
      targetId: id,
      detail: `auto-login mode: the user "${DEFAULT_USERNAME}" deactivated by team mode is active again`,
    });
    logger.info(`re-activated the auto-login user "${DEFAULT_USERNAME}" (auto-login mode)`);
    return true;
  }

  /** Auto-login hands superuser to anyone who can connect, so it stays on loopback unless told. */
  checkAutoLoginBind(): void {
    const { config, logger } = this.deps;
    if (isLoopbackHost(config.host)) return;
    if (!config.allowRemoteAutoLogin) {
      throw new ConfigError(
        `auto-login gives superuser rights to every client, so it only listens on loopback, not ${config.host}; bind GATEHOUSE_HOST=127.0.0.1, turn it off with GATEHOUSE_AUTO_LOGIN=false, or accept the risk with GATEHOUSE_ALLOW_REMOTE_AUTO_LOGIN=true.`,
      );
    }
    logger.warn(
      { host: config.host },
      "auto-login is on and listening beyond loopback: anyone who can reach this port is a superuser",
    );
  }

  async ensureDefaultUser(): Promise<void> {
    const { dataSource, audit, logger } = this.deps;
    const id = await insertIfMissing(dataSource, DEFAULT_USERNAME, null);
    if (id) {
      await audit.record({
        action: AuditAction.SUPERUSER_BOOTSTRAPPED,
        targetId: id,
        detail: `auto-login user ${DEFAULT_USERNAME}`,
      });
      logger.info(`created the auto-login superuser "${DEFAULT_USERNAME}"`);
      return;
    }
    await this.restoreDefaultUser();
    const rows: { is_active: boolean; is_superuser: boolean }[] = await dataSource.query(
      `SELECT "is_active", "is_superuser" FROM "users" WHERE "username_key" = $1`,
      [DEFAULT_USERNAME],
    );
    if (!rows[0]?.is_active || !rows[0]?.is_superuser) {
      logger.warn(
        `the auto-login user "${DEFAULT_USERNAME}" is not an active superuser; requests without credentials get its reduced rights`,
      );
    }
  }

  /** Creates the env superuser if missing; never overwrites an existing password. */
  async bootstrapEnvSuperuser(): Promise<BootstrapOutcome> {
    const { config, logger, dataSource, passwords, audit } = this.deps;
    const su = config.superuser;
    if (!su || su.password === undefined) return "exists";
    try {
      const username = normalizeUsername(su.username);
      const nameProblem = checkUsername(username);
      if (nameProblem) throw new ConfigError(`GATEHOUSE_SUPERUSER: ${nameProblem}`);
      const existing: { id: string; is_superuser: boolean }[] = await dataSource.query(
        `SELECT "id", "is_superuser" FROM "users" WHERE "username_key" = $1`,
        [username.toLowerCase()],
      );
      if (existing[0] && !existing[0].is_superuser) {
        // Possibly someone else's account on the operator's name: never promote it silently.
        logger.warn(
          `user "${username}" exists but is not a superuser (it may be someone else's account); GATEHOUSE_SUPERUSER was not applied. \`gatehouse superuser --username ${username}\` shows whose account it is and promotes it only with --promote`,
        );
        return "exists";
      }
      let id: string | null = null;
      if (existing.length === 0) {
        const pwProblem = checkNewPassword(su.password, {
          superuser: true,
          userInputs: [username],
        });
        if (pwProblem) throw new ConfigError(`GATEHOUSE_SUPERUSER_PASSWORD: ${pwProblem}`);
        id = await insertIfMissing(dataSource, username, await passwords.hash(su.password));
      }
      if (!id) {
        logger.info(
          `superuser "${username}" already exists; GATEHOUSE_SUPERUSER_PASSWORD was not applied (change it with \`gatehouse superuser --update-password\`)`,
        );
        return "exists";
      }
      await audit.record({
        action: AuditAction.SUPERUSER_BOOTSTRAPPED,
        targetId: id,
        detail: `from GATEHOUSE_SUPERUSER ${username}`,
      });
      logger.info(`created superuser "${username}" from GATEHOUSE_SUPERUSER`);
      return "created";
    } finally {
      this.forgetEnvPassword();
    }
  }

  /** The password has done its job; do not keep it around for a heap dump to find. */
  private forgetEnvPassword(): void {
    if (this.deps.config.superuser) this.deps.config.superuser.password = undefined;
    // Child processes and later readers of process.env should not see it either.
    delete process.env.GATEHOUSE_SUPERUSER_PASSWORD;
  }

  /** A superuser that is active and has some way to prove who they are. */
  async hasUsableSuperuser(): Promise<boolean> {
    const rows = await this.deps.dataSource.query(
      `SELECT 1 FROM "users" WHERE "is_superuser" AND "is_active"
         AND ("password_hash" IS NOT NULL OR "email" IS NOT NULL OR "google_subject" IS NOT NULL)
       LIMIT 1`,
    );
    return rows.length > 0;
  }
}
