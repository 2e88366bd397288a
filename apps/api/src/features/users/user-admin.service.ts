import {
  checkDisplayName,
  checkEmail,
  checkUsername,
  normalizeDisplayName,
  normalizeEmail,
  normalizeUsername,
} from "@gatehouse/shared";
import type { DataSource, EntityManager } from "typeorm";
import type { Clock } from "../../clock.js";
import type { Config } from "../../config/config.js";
import { badInput } from "../../errors.js";
import type { AuditService } from "../audit/audit.service.js";
import type { SignInThrottle } from "../rate-limits/sign-in-throttle.js";
import { DEFAULT_USERNAME } from "../sessions/authenticator.js";
import { UserEntity } from "./user.entity.js";
import {
  isUuid,
  lastSuperuser,
  notYourself,
  uniqueViolation,
  userNotFound,
} from "./user.errors.js";
import type { Actor } from "./user.service.js";
import {
  autoLoginUser,
  confirmationMismatch,
  envSuperuserRename,
  noOtherWayIn,
} from "./user-admin.errors.js";

export const UserAdminAudit = {
  UPDATED: "user.updated",
  PASSWORD_REMOVED: "user.password_removed",
  DELETED: "user.deleted",
} as const;

export interface UserChanges {
  username?: string | null;
  /** "" or null clears the email. */
  email?: string | null;
  /** Trimmed; "" clears it (then apps get the username). null or absent: unchanged. */
  displayName?: string | null;
}

/** A way to sign in that is not the password: a link to the email, or Google. */
const hasOtherWayIn = (u: Pick<UserEntity, "email" | "googleSubject">) =>
  !!u.email || !!u.googleSubject;

/**
 * What a superuser does to an existing account besides flags: rename, change the email,
 * remove the password, delete. Each keeps the "someone can still sign in" promises.
 */
export class UserAdminService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: Config,
    private readonly clock: Clock,
    private readonly throttle: SignInThrottle,
    private readonly audit: AuditService,
  ) {}

  /** Renames keep sessions (they point at the id). A new email starts unverified. */
  async update(actor: Actor, userId: string, changes: UserChanges): Promise<UserEntity> {
    const repo = this.dataSource.getRepository(UserEntity);
    const user = isUuid(userId) ? await repo.findOneBy({ id: userId }) : null;
    if (!user) throw userNotFound();
    const notes: string[] = [];
    if (changes.username !== undefined && changes.username !== null) {
      const username = normalizeUsername(changes.username);
      const problem = checkUsername(username);
      if (problem) throw badInput(problem, "username");
      if (username !== user.username) {
        this.guardRename(user, username);
        notes.push(`username ${user.username} → ${username}`);
        user.username = username;
        user.usernameKey = username.toLowerCase();
      }
    }
    if (changes.displayName !== undefined && changes.displayName !== null) {
      const problem = checkDisplayName(changes.displayName);
      if (problem) throw badInput(problem, "displayName");
      const displayName = normalizeDisplayName(changes.displayName);
      if (displayName !== user.displayName) {
        notes.push(displayName ? `display name set to "${displayName}"` : "display name cleared");
        user.displayName = displayName;
      }
    }
    let emailChanged = false;
    if (changes.email !== undefined) {
      const raw = changes.email?.trim() ?? "";
      let email: string | null = null;
      if (raw !== "") {
        const problem = checkEmail(raw);
        if (problem) throw badInput(problem, "email");
        email = normalizeEmail(raw);
      }
      if (email !== user.email) {
        notes.push(
          email ? "email changed (unverified until a link to it is used)" : "email removed",
        );
        user.email = email;
        user.emailVerified = false;
        emailChanged = true;
        if (!user.passwordHash && !hasOtherWayIn(user)) throw noOtherWayIn("remove the email");
      }
    }
    if (notes.length === 0) return user;
    try {
      await repo.save(user);
    } catch (err) {
      throw uniqueViolation(err) ?? err;
    }
    // Links mailed to the old address must not keep signing in to the account.
    if (emailChanged) {
      await this.dataSource.query(
        `UPDATE "magic_links" SET "superseded_at" = $2
          WHERE "user_id" = $1 AND "used_at" IS NULL AND "superseded_at" IS NULL`,
        [user.id, this.clock.now()],
      );
    }
    await this.audit.record({
      action: UserAdminAudit.UPDATED,
      actorId: actor.userId,
      targetId: user.id,
      ip: actor.ip,
      detail: `${user.username}: ${notes.join("; ")}`,
    });
    return user;
  }

  /**
   * A signed-in user's own profile (today: the display name). Same rules and audit row as an
   * administrator's edit; the username and email stay with updateUser and requestEmailChange.
   */
  updateOwnProfile(actor: Actor & { userId: string }, displayName: string): Promise<UserEntity> {
    return this.update(actor, actor.userId, { displayName });
  }

  /**
   * Leaves the user to links and Google. Refused when that leaves no way in, unless `force`;
   * never for the last active superuser without another way in.
   */
  async removePassword(actor: Actor, userId: string, force: boolean): Promise<UserEntity> {
    if (!isUuid(userId)) throw userNotFound();
    const user = await this.dataSource.transaction(async (m) => {
      const repo = m.getRepository(UserEntity);
      const found = await repo.findOneBy({ id: userId });
      if (!found) throw userNotFound();
      if (!hasOtherWayIn(found)) {
        if (found.isSuperuser && found.isActive && (await this.isLastSuperuser(m, found.id)))
          throw lastSuperuser();
        if (!force) throw noOtherWayIn("remove the password");
      }
      found.passwordHash = null;
      return repo.save(found);
    });
    await this.audit.record({
      action: UserAdminAudit.PASSWORD_REMOVED,
      actorId: actor.userId,
      targetId: user.id,
      ip: actor.ip,
      detail: `${user.username}${hasOtherWayIn(user) ? "" : " (no way left to sign in: forced)"}`,
    });
    return user;
  }

  /**
   * Deletes the account; its sessions, links, variables, group memberships and pending email
   * changes go with it (foreign keys cascade; API keys and OIDC grants will too). Audit rows
   * have no foreign keys and stay; the deletion row names the user, since nothing else will.
   */
  async delete(actor: Actor, userId: string, confirmUsername: string): Promise<UserEntity> {
    if (!isUuid(userId)) throw userNotFound();
    if (actor.userId === userId) throw notYourself("delete");
    const user = await this.dataSource.transaction(async (m) => {
      const repo = m.getRepository(UserEntity);
      const found = await repo.findOneBy({ id: userId });
      if (!found) throw userNotFound();
      if (confirmUsername !== found.username) throw confirmationMismatch(found.username);
      if (found.usernameKey === DEFAULT_USERNAME && this.config.autoLogin) throw autoLoginUser();
      if (found.isSuperuser && found.isActive && (await this.isLastSuperuser(m, found.id)))
        throw lastSuperuser();
      // Has no foreign key (the state may outlive a failed flow): cleared here.
      await m.query(`DELETE FROM "google_oauth_states" WHERE "link_user_id" = $1`, [found.id]);
      await repo.delete({ id: found.id });
      return found;
    });
    await this.throttle.unlock(user.id);
    await this.audit.record({
      action: UserAdminAudit.DELETED,
      actorId: actor.userId,
      targetId: user.id,
      // The row is gone: name the user here, or the audit row could not.
      targetUsername: user.username,
      ip: actor.ip,
      detail: `deleted ${user.username}${user.email ? ` <${user.email}>` : ""}${user.isSuperuser ? " (superuser)" : ""}`,
    });
    return user;
  }

  private guardRename(user: UserEntity, username: string): void {
    const key = username.toLowerCase();
    if (
      this.config.autoLogin &&
      (user.usernameKey === DEFAULT_USERNAME || key === DEFAULT_USERNAME)
    )
      throw autoLoginUser();
    const envName = this.config.superuser?.username.toLowerCase();
    if (envName && user.usernameKey === envName) throw envSuperuserRename(user.username);
  }

  /** Locks every active superuser's row, so two admins cannot remove the last two at once. */
  private async isLastSuperuser(m: EntityManager, userId: string): Promise<boolean> {
    const supers: { id: string }[] = await m.query(
      `SELECT "id" FROM "users" WHERE "is_superuser" AND "is_active" FOR UPDATE`,
    );
    return supers.length === 1 && supers[0]?.id === userId;
  }
}
