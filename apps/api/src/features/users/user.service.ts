import {
  checkEmail,
  checkUsername,
  ErrorCode,
  isReservedUsername,
  Limits,
  normalizeEmail,
  normalizeUsername,
} from "@gatehouse/shared";
import { checkNewPassword } from "@gatehouse/shared/password-strength";
import type { DataSource, EntityManager, Repository } from "typeorm";
import type { Clock } from "../../clock.js";
import { AppError, badInput } from "../../errors.js";
import { AuditAction, type AuditService } from "../audit/audit.service.js";
import type { PasswordService } from "../passwords/password.service.js";
import type { SessionService } from "../sessions/session.service.js";
import type { AuthMethodName } from "./user.entity.js";
import { UserEntity } from "./user.entity.js";
import {
  isUuid,
  lastSuperuser,
  notYourself,
  uniqueViolation,
  userNotFound,
} from "./user.errors.js";
import {
  listUsers,
  matchUsers,
  type UserListQuery,
  type UserMatchQuery,
  type UserPage,
} from "./user-list.js";
import { type UserRow, userFromRow } from "./user-row.js";

const DESCRIPTION_MAX = 256;

/** Who asks for a change, for guards and the audit log. */
export interface Actor {
  userId: string | null;
  ip?: string | null;
}

export interface NewUser {
  username: string;
  password: string | null;
  email?: string | null;
  emailVerified?: boolean;
  isActive: boolean;
  isSuperuser: boolean;
  /** Service accounts: no password, no email, never sign in; they own API keys. */
  isServiceAccount?: boolean;
  description?: string;
}

/** Accounts and the rules around them (uniqueness, the last superuser, no self-harm). */
export class UserService {
  readonly repo: Repository<UserEntity>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly passwords: PasswordService,
    private readonly sessions: SessionService,
    private readonly audit: AuditService,
  ) {
    this.repo = dataSource.getRepository(UserEntity);
  }

  /** A page of users: sorted, filtered, searched (see user-list.ts); bad arguments are BAD_USER_INPUT. */
  list(q: UserListQuery): Promise<UserPage> {
    return listUsers(this.repo, q);
  }

  /** All users matching a list's search and filters (at most Limits.matchingUsersMax). */
  matching(q: UserMatchQuery): Promise<UserEntity[]> {
    return matchUsers(this.repo, q, Limits.matchingUsersMax);
  }

  async findById(id: string): Promise<UserEntity | null> {
    if (!isUuid(id)) return null;
    return this.repo.findOneBy({ id });
  }

  /** Which of these ids belong to users (groups check members before adding them). */
  async existingIds(ids: string[]): Promise<Set<string>> {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) return new Set();
    const rows = (await this.dataSource.query(`SELECT id FROM users WHERE id = ANY($1::uuid[])`, [
      valid,
    ])) as { id: string }[];
    return new Set(rows.map((r) => r.id));
  }

  findByUsername(username: string): Promise<UserEntity | null> {
    return this.repo.findOneBy({ usernameKey: normalizeUsername(username).toLowerCase() });
  }

  findByEmail(email: string): Promise<UserEntity | null> {
    return this.repo.findOneBy({ email: normalizeEmail(email) });
  }

  /** Sign-in accepts a username or an email; a username match wins if both exist. */
  async findByLogin(login: string): Promise<UserEntity | null> {
    const key = login.trim().toLowerCase();
    if (key === "") return null;
    const rows = await this.repo
      .createQueryBuilder("u")
      .where("u.username_key = :key OR u.email = :key", { key })
      .limit(2)
      .getMany();
    return rows.find((u) => u.usernameKey === key) ?? rows[0] ?? null;
  }

  /** Validates with the shared rules (the console checks the same ones), hashes, inserts. */
  async create(input: NewUser, actor: Actor, action: string = AuditAction.USER_CREATED) {
    const username = normalizeUsername(input.username);
    const problem = checkUsername(username);
    if (problem) throw badInput(problem, "username");
    let email: string | null = null;
    if (input.email !== undefined && input.email !== null && input.email.trim() !== "") {
      const emailProblem = checkEmail(input.email);
      if (emailProblem) throw badInput(emailProblem, "email");
      email = normalizeEmail(input.email);
    }
    // A service account never signs in (it only owns API keys), so it needs neither.
    if (input.password === null && email === null && !input.isServiceAccount) {
      throw badInput(
        "A user without a password signs in by link or Google, so they need an email address.",
        "email",
      );
    }
    if (input.password !== null) {
      const pwProblem = checkNewPassword(input.password, {
        superuser: input.isSuperuser,
        userInputs: [username, email],
      });
      if (pwProblem) throw badInput(pwProblem, "password");
    }
    const passwordHash = input.password === null ? null : await this.passwords.hash(input.password);
    let saved: UserEntity;
    try {
      saved = await this.repo.save(
        this.repo.create({
          username,
          usernameKey: username.toLowerCase(),
          email,
          emailVerified: input.emailVerified ?? false,
          isActive: input.isActive,
          isSuperuser: input.isSuperuser,
          passwordHash,
          authMethods: [],
          isServiceAccount: input.isServiceAccount ?? false,
          description: input.description ?? "",
        }),
      );
    } catch (err) {
      throw uniqueViolation(err) ?? err;
    }
    await this.audit.record({
      action,
      actorId: actor.userId,
      targetId: saved.id,
      ip: actor.ip,
      detail: `${saved.username}${saved.isSuperuser ? " (superuser)" : ""}${saved.isActive ? "" : " (inactive)"}${saved.isServiceAccount ? " (service account)" : ""}`,
    });
    return saved;
  }

  /** An active account with no way to sign in, that exists to own API keys. */
  async createServiceAccount(
    input: { username: string; description: string },
    actor: Actor,
    reserved: readonly string[],
  ): Promise<UserEntity> {
    if (isReservedUsername(input.username, reserved)) {
      throw badInput("That username is reserved; choose another.", "username");
    }
    const description = input.description.trim();
    if (description.length > DESCRIPTION_MAX) {
      throw badInput(`At most ${DESCRIPTION_MAX} characters.`, "description");
    }
    return this.create(
      {
        username: input.username,
        password: null,
        email: null,
        isActive: true,
        isSuperuser: false,
        isServiceAccount: true,
        description,
      },
      actor,
    );
  }

  /** Deactivating ends every session of the user at once. */
  /**
   * Activating an active user (or deactivating an inactive one) changes nothing and is not
   * audited: the log must say who was actually let in or shut out.
   */
  async setActive(actor: Actor, userId: string, active: boolean): Promise<UserEntity> {
    if (!active && actor.userId === userId) throw notYourself("deactivate");
    const { user, changed } = await this.guardedUpdate(userId, { isActive: active }, !active);
    if (!changed) return user;
    if (!active) await this.sessions.revokeAllForUser(userId);
    await this.audit.record({
      action: active ? AuditAction.USER_ACTIVATED : AuditAction.USER_DEACTIVATED,
      actorId: actor.userId,
      targetId: userId,
      ip: actor.ip,
      detail: user.username,
    });
    return user;
  }

  async setSuperuser(actor: Actor, userId: string, superuser: boolean): Promise<UserEntity> {
    if (!superuser && actor.userId === userId) throw notYourself("demote");
    const { user, changed } = await this.guardedUpdate(
      userId,
      { isSuperuser: superuser },
      !superuser,
    );
    if (!changed) return user;
    await this.audit.record({
      action: superuser ? AuditAction.SUPERUSER_GRANTED : AuditAction.SUPERUSER_REVOKED,
      actorId: actor.userId,
      targetId: userId,
      ip: actor.ip,
      detail: user.username,
    });
    return user;
  }

  /**
   * Changes a flag; when the change could remove an active superuser, the rows of all active
   * superusers are locked first, so two admins demoting each other at once cannot both win.
   */
  private async guardedUpdate(
    userId: string,
    change: Partial<Pick<UserEntity, "isActive" | "isSuperuser">>,
    removesPower: boolean,
  ): Promise<{ user: UserEntity; changed: boolean }> {
    if (!isUuid(userId)) throw userNotFound();
    return this.dataSource.transaction(async (m: EntityManager) => {
      if (removesPower) {
        const supers: { id: string }[] = await m.query(
          `SELECT "id" FROM "users" WHERE "is_superuser" AND "is_active" FOR UPDATE`,
        );
        if (supers.length === 1 && supers[0]?.id === userId) throw lastSuperuser();
      }
      const repo = m.getRepository(UserEntity);
      const user = await repo.findOneBy({ id: userId });
      if (!user) throw userNotFound();
      const keys = Object.keys(change) as (keyof typeof change)[];
      if (keys.every((k) => user[k] === change[k])) return { user, changed: false };
      Object.assign(user, change);
      return { user: await repo.save(user), changed: true };
    });
  }

  /**
   * After a successful sign-in by any method: stamps last_login_at and remembers the method.
   * One statement, so concurrent sign-ins cannot lose a method.
   */
  async recordSignIn(userId: string, method: AuthMethodName): Promise<UserEntity> {
    // TypeORM answers an UPDATE with [rows, affected].
    const [rows]: [UserRow[], number] = await this.dataSource.query(
      `UPDATE "users" SET "last_login_at" = $2::timestamptz,
              "auth_methods" = CASE WHEN $3 = ANY("auth_methods") THEN "auth_methods"
                                    ELSE array_append("auth_methods", $3) END
        WHERE "id" = $1
        RETURNING *`,
      [userId, this.clock.now(), method],
    );
    const row = rows[0];
    if (!row) throw userNotFound();
    return userFromRow(row, row.id);
  }

  async setPasswordHash(userId: string, passwordHash: string): Promise<void> {
    await this.repo.update({ id: userId }, { passwordHash });
  }

  /** Refuses a user who may not sign in (callers check the credential first). */
  assertCanSignIn(user: UserEntity): void {
    // No credential should ever prove a service account; if one did, say no as for a wrong one.
    if (user.isServiceAccount) {
      throw new AppError(ErrorCode.UNAUTHENTICATED, "Wrong username or password.");
    }
    if (!user.isActive) {
      throw new AppError(
        ErrorCode.ACCOUNT_INACTIVE,
        "This account is not active yet; ask an administrator to activate it.",
      );
    }
  }
}
