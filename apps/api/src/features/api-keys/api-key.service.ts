import { ErrorCode } from "@gatehouse/shared";
import type { DataSource, Repository } from "typeorm";
import type { Clock } from "../../clock.js";
import { LookupCoalescer } from "../../db/lookup-coalescer.js";
import { AppError, badInput } from "../../errors.js";
import type { Viewer } from "../../http/request.js";
import type { AuditService } from "../audit/audit.service.js";
import { TOUCH_INTERVAL_MS } from "../sessions/session.service.js";
import { hashToken, sameHash } from "../sessions/session-token.js";
import { UserEntity } from "../users/user.entity.js";
import { isUuid, userNotFound } from "../users/user.errors.js";
import { type UserRow, userFromRow } from "../users/user-row.js";
import { ApiKeyEntity } from "./api-key.entity.js";
import { apiKeyNotAllowed, apiKeyNotFound, keyForAnotherPerson } from "./api-key.errors.js";
import { looksLikeApiKey, newApiKey } from "./api-key-token.js";

export const ApiKeyAudit = {
  CREATED: "api_key.created",
  REVOKED: "api_key.revoked",
} as const;

/** A key as lists show it: the row without its hash, and its owner's name. */
export interface ApiKeyView {
  id: string;
  name: string;
  prefix: string;
  userId: string;
  username: string;
  appIds: string[] | null;
  groupIds: string[] | null;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  createdAt: Date;
}

export interface NewApiKeyInput {
  /** Whose key; defaults to the viewer. Only a superuser, and only for a service account. */
  userId?: string | null;
  name: string;
  expiresAt?: Date | null;
  appIds?: string[] | null;
  groupIds?: string[] | null;
}

/** One key look-up: the key and its (active) owner, read by one query. */
export interface ResolvedApiKey {
  id: string;
  appIds: string[] | null;
  groupIds: string[] | null;
  user: UserEntity;
  /** Null: never expires. */
  expiresAt: Date | null;
  lastUsedAt: Date | null;
}

interface KeyRow extends Omit<UserRow, "id"> {
  key_id: string;
  token_hash: string;
  app_ids: string[] | null;
  group_ids: string[] | null;
  last_used_at: Date | null;
  expires_at: Date | null;
  user_id: string;
}

const SCOPE_MAX = 50;
const NAME_MAX = 64;
const APP_ID = /^[A-Za-z0-9:._-]{1,100}$/;

/** API keys: create (shown once), list, revoke, and resolve a presented key to its user. */
export class ApiKeyService {
  private readonly repo: Repository<ApiKeyEntity>;
  private readonly lookups = new LookupCoalescer<string, KeyRow>((d) => this.fetchLive(d));

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {
    this.repo = dataSource.getRepository(ApiKeyEntity);
  }

  /**
   * The key's row joined to its user, in one indexed query: unknown, expired, or owned by an
   * inactive user gives null, so revocation and deactivation bite on the next request.
   * last_used_at is written at most once a minute per key.
   */
  async resolve(key: string): Promise<ResolvedApiKey | null> {
    if (!looksLikeApiKey(key)) return null;
    const digest = hashToken(key);
    const row = await this.lookups.load(digest);
    if (!row || !sameHash(row.token_hash, digest)) return null;
    const now = this.clock.now();
    const last = row.last_used_at ? new Date(row.last_used_at).getTime() : 0;
    if (now.getTime() - last >= TOUCH_INTERVAL_MS) {
      // Requests of one batch share the row: the first touches it, the rest see it touched.
      row.last_used_at = now;
      await this.touch(row.key_id, now);
    }
    return {
      id: row.key_id,
      appIds: row.app_ids,
      groupIds: row.group_ids,
      user: userFromRow(row, row.user_id),
      expiresAt: row.expires_at ? new Date(row.expires_at) : null,
      lastUsedAt: row.last_used_at ? new Date(row.last_used_at) : null,
    };
  }

  /** Records a use (last_used_at); callers write it at most once per TOUCH_INTERVAL_MS. */
  async touch(id: string, now: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE "api_keys" SET "last_used_at" = $2::timestamptz WHERE "id" = $1`,
      [id, now],
    );
  }

  private async fetchLive(digests: string[]): Promise<Map<string, KeyRow>> {
    const rows: KeyRow[] = await this.dataSource.query(
      `SELECT k."id" AS "key_id", k."token_hash", k."app_ids", k."group_ids", k."last_used_at", k."expires_at",
              u."id" AS "user_id", u."username", u."username_key", u."email", u."email_verified",
              u."is_active", u."is_superuser", u."password_hash", u."auth_methods",
              u."google_subject", u."created_at", u."updated_at", u."last_login_at",
              u."is_service_account", u."description", u."display_name"
         FROM "api_keys" k JOIN "users" u ON u."id" = k."user_id"
        WHERE k."token_hash" = ANY($1::varchar[])
          AND (k."expires_at" IS NULL OR k."expires_at" > $2::timestamptz) AND u."is_active"`,
      [digests, this.clock.now()],
    );
    return new Map(rows.map((r) => [r.token_hash, r]));
  }

  /** Makes a key; the caller shows `key` once. Rules: see NewApiKeyInput. */
  async create(
    viewer: Viewer,
    input: NewApiKeyInput,
    ip: string | null,
  ): Promise<{ key: string; apiKey: ApiKeyView }> {
    if (viewer.apiKey) throw apiKeyNotAllowed("create API keys");
    const userId = input.userId ?? viewer.userId;
    const owner = await this.owner(userId);
    if (owner.id !== viewer.userId && !(viewer.isSuperuser && owner.isServiceAccount)) {
      throw keyForAnotherPerson();
    }
    const name = input.name.trim();
    if (name === "" || name.length > NAME_MAX) {
      throw badInput(`Give the key a name of 1 to ${NAME_MAX} characters.`, "name");
    }
    const expiresAt = input.expiresAt ?? null;
    if (expiresAt && expiresAt.getTime() <= this.clock.now().getTime()) {
      throw badInput("The expiry must be in the future.", "expiresAt");
    }
    const appIds = this.scope(input.appIds, "appIds", (id) => APP_ID.test(id));
    const groupIds = this.scope(input.groupIds, "groupIds", isUuid);
    if (groupIds) await this.assertGroupsExist(groupIds);
    const { key, prefix } = newApiKey();
    const row = this.repo.create({
      userId: owner.id,
      name,
      prefix,
      tokenHash: hashToken(key),
      appIds,
      groupIds: groupIds?.map((g) => g.toLowerCase()) ?? null,
      expiresAt,
      lastUsedAt: null,
      createdAt: this.clock.now(),
    });
    await this.repo.insert(row);
    await this.audit.record({
      action: ApiKeyAudit.CREATED,
      actorId: viewer.userId,
      targetId: owner.id,
      ip,
      detail: `key "${name}" (${prefix}…)${appIds ? " scoped to apps" : ""}${groupIds ? " scoped to groups" : ""}`,
    });
    return { key, apiKey: toView(row, owner.username) };
  }

  /** Keys of one user (or, with null, everyone's), newest first. */
  async list(userId: string | null): Promise<ApiKeyView[]> {
    if (userId !== null && !isUuid(userId)) return [];
    const rows: (Omit<ApiKeyEntity, "createdAt"> & { createdAt: Date; username: string })[] =
      await this.repo
        .createQueryBuilder("k")
        .innerJoin("users", "u", `u."id" = k."user_id"`)
        .select([
          `k."id" AS "id"`,
          `k."user_id" AS "userId"`,
          `k."name" AS "name"`,
          `k."prefix" AS "prefix"`,
          `k."app_ids" AS "appIds"`,
          `k."group_ids" AS "groupIds"`,
          `k."expires_at" AS "expiresAt"`,
          `k."last_used_at" AS "lastUsedAt"`,
          `k."created_at" AS "createdAt"`,
          `u."username" AS "username"`,
        ])
        .where(userId === null ? "TRUE" : `k."user_id" = :userId`, { userId })
        .orderBy(`k."created_at"`, "DESC")
        .addOrderBy(`k."id"`, "ASC")
        .getRawMany();
    return rows.map((r) => toView(r, r.username));
  }

  /**
   * Deletes key `id` for `viewer`: their own, or anyone's for a superuser; NOT_FOUND
   * otherwise. A request made with a key may revoke only that key (a leaked key can retire
   * itself, not its siblings).
   */
  async revoke(viewer: Viewer, id: string, ip: string | null): Promise<void> {
    if (viewer.apiKey && viewer.apiKey.id !== id) {
      throw apiKeyNotAllowed("revoke other API keys (only itself)");
    }
    const key = isUuid(id) ? await this.repo.findOneBy({ id }) : null;
    if (!key || (key.userId !== viewer.userId && !viewer.isSuperuser)) throw apiKeyNotFound();
    await this.repo.delete({ id });
    await this.audit.record({
      action: ApiKeyAudit.REVOKED,
      actorId: viewer.userId,
      targetId: key.userId,
      ip,
      detail: `key "${key.name}" (${key.prefix}…)`,
    });
  }

  private async owner(userId: string): Promise<UserEntity> {
    const user = isUuid(userId)
      ? await this.dataSource.getRepository(UserEntity).findOneBy({ id: userId })
      : null;
    if (!user) throw userNotFound();
    return user;
  }

  private scope(
    ids: string[] | null | undefined,
    field: string,
    valid: (id: string) => boolean,
  ): string[] | null {
    if (ids === null || ids === undefined) return null;
    const unique = [...new Set(ids.map((i) => i.trim()))];
    if (unique.length === 0) {
      throw badInput("An empty scope allows nothing; leave it out to not restrict the key.", field);
    }
    if (unique.length > SCOPE_MAX) throw badInput(`At most ${SCOPE_MAX} entries.`, field);
    if (!unique.every(valid)) throw badInput("One of these ids is not valid.", field);
    return unique;
  }

  private async assertGroupsExist(ids: string[]): Promise<void> {
    const found: { n: string | number }[] = await this.dataSource.query(
      `SELECT count(*) AS "n" FROM "groups" WHERE "id" = ANY($1::uuid[])`,
      [ids],
    );
    if (Number(found[0]?.n ?? 0) !== ids.length) {
      throw new AppError(ErrorCode.BAD_USER_INPUT, "There is no group with one of these ids.", {
        field: "groupIds",
      });
    }
  }
}

function toView(
  k:
    | Omit<ApiKeyEntity, "tokenHash">
    | (Omit<ApiKeyEntity, "tokenHash" | "createdAt"> & { createdAt: Date }),
  username: string,
): ApiKeyView {
  return {
    id: k.id,
    name: k.name,
    prefix: k.prefix,
    userId: k.userId,
    username,
    appIds: k.appIds,
    groupIds: k.groupIds,
    expiresAt: k.expiresAt ? new Date(k.expiresAt) : null,
    lastUsedAt: k.lastUsedAt ? new Date(k.lastUsedAt) : null,
    createdAt: new Date(k.createdAt),
  };
}
