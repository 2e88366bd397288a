import {
  checkGroupDescription,
  checkGroupName,
  Limits,
  normalizeGroupName,
} from "@gatehouse/shared";
import type { DataSource } from "typeorm";
import { badInput } from "../../errors.js";
import type { AuditSink } from "../secrets/secrets.service.js";
import { isUuid } from "../users/user.errors.js";
import {
  groupNameTaken,
  groupNotFound,
  isMissingReference,
  isNameConflict,
  tooManyUsers,
  unknownUsers,
} from "./group.errors.js";

export interface GroupView {
  id: string;
  name: string;
  description: string;
  memberCount: number;
  createdAt: Date;
}

/** Who asks for a change, for the audit log. */
export interface GroupActor {
  userId: string | null;
  ip?: string | null;
}

export interface GroupChange {
  name?: string | null;
  description?: string | null;
}

/** Which of these ids are users: the users feature answers (its table, its SQL). */
export interface UserDirectory {
  existingIds(ids: string[]): Promise<Set<string>>;
}

export const GroupAction = {
  CREATED: "group.created",
  RENAMED: "group.renamed",
  UPDATED: "group.updated",
  DELETED: "group.deleted",
  MEMBERS_ADDED: "group.members_added",
  MEMBERS_REMOVED: "group.members_removed",
} as const;

interface Row {
  id: string;
  name: string;
  description: string;
  member_count: number;
  created_at: Date;
}

const COLUMNS = `g.id, g.name, g.description, g.created_at,
  (SELECT count(*)::int FROM group_members c WHERE c.group_id = g.id) AS member_count`;

const toView = (r: Row): GroupView => ({
  id: r.id,
  name: r.name,
  description: r.description,
  memberCount: Number(r.member_count),
  createdAt: r.created_at,
});

/** TypeORM answers UPDATE/DELETE ... RETURNING with [rows, count], INSERT with rows. */
function rowsOf<T>(result: unknown): T[] {
  const r = result as unknown[];
  if (r.length === 2 && Array.isArray(r[0]) && typeof r[1] === "number") return r[0] as T[];
  return r as T[];
}

/** Ids for the audit detail, which is short: the first few and how many more. */
function idList(ids: string[]): string {
  const shown = ids.slice(0, 8).join(",");
  return ids.length > 8 ? `${shown},+${ids.length - 8} more` : shown;
}

function checkedName(value: string): string {
  const problem = checkGroupName(value);
  if (problem) throw badInput(problem, "name");
  return normalizeGroupName(value);
}

function checkedDescription(value: string): string {
  const v = value.trim();
  const problem = checkGroupDescription(v);
  if (problem) throw badInput(problem, "description");
  return v;
}

/** Named sets of users; apps admit members of listed groups (issue 14). */
export class GroupService {
  constructor(
    private readonly ds: DataSource,
    private readonly audit: AuditSink,
    private readonly users: UserDirectory,
  ) {}

  /** Every group by name, with member counts, in one statement. */
  async list(): Promise<GroupView[]> {
    const rows = await this.ds.query(`SELECT ${COLUMNS} FROM groups g ORDER BY g.name_key`);
    return (rows as Row[]).map(toView);
  }

  async get(id: string): Promise<GroupView | null> {
    if (!isUuid(id)) return null;
    const rows = (await this.ds.query(`SELECT ${COLUMNS} FROM groups g WHERE g.id = $1`, [
      id,
    ])) as Row[];
    return rows[0] ? toView(rows[0]) : null;
  }

  async create(
    input: { name: string; description?: string | null },
    actor: GroupActor,
  ): Promise<GroupView> {
    const name = checkedName(input.name);
    const description = checkedDescription(input.description ?? "");
    const rows = (await this.ds.query(
      `INSERT INTO groups (name, name_key, description) VALUES ($1, $2, $3)
       ON CONFLICT (name_key) DO NOTHING
       RETURNING id, name, description, created_at, 0 AS member_count`,
      [name, name.toLowerCase(), description],
    )) as Row[];
    if (!rows[0]) throw groupNameTaken(name);
    await this.record(GroupAction.CREATED, actor, rows[0].id, `name=${name}`);
    return toView(rows[0]);
  }

  /** Renames and/or re-describes; an omitted field keeps its value. */
  async update(id: string, change: GroupChange, actor: GroupActor): Promise<GroupView> {
    const name = change.name == null ? null : checkedName(change.name);
    const description = change.description == null ? null : checkedDescription(change.description);
    if (!isUuid(id)) throw groupNotFound();
    const before = await this.ds.transaction(async (m) => {
      const old = (await m.query(`SELECT name, description FROM groups WHERE id = $1 FOR UPDATE`, [
        id,
      ])) as { name: string; description: string }[];
      if (!old[0]) throw groupNotFound();
      const newName = name ?? old[0].name;
      try {
        await m.query(
          `UPDATE groups SET name = $2, name_key = $3, description = $4, updated_at = now()
            WHERE id = $1`,
          [id, newName, newName.toLowerCase(), description ?? old[0].description],
        );
      } catch (err) {
        if (isNameConflict(err)) throw groupNameTaken(newName);
        throw err;
      }
      return old[0];
    });
    if (name !== null && name !== before.name) {
      await this.record(GroupAction.RENAMED, actor, id, `from=${before.name} to=${name}`);
    }
    if (description !== null && description !== before.description) {
      await this.record(GroupAction.UPDATED, actor, id, `name=${name ?? before.name} description`);
    }
    return this.mustGet(id);
  }

  /** Members go with the group (ON DELETE CASCADE). False when there was no such group. */
  async delete(id: string, actor: GroupActor): Promise<boolean> {
    if (!isUuid(id)) return false;
    const rows = rowsOf<{ name: string; members: number }>(
      await this.ds.query(
        `DELETE FROM groups g WHERE g.id = $1
         RETURNING g.name, (SELECT count(*)::int FROM group_members c WHERE c.group_id = $1) AS members`,
        [id],
      ),
    );
    if (!rows[0]) return false;
    await this.record(
      GroupAction.DELETED,
      actor,
      id,
      `name=${rows[0].name} members=${rows[0].members}`,
    );
    return true;
  }

  /** Idempotent: members already in stay. Any unknown user id fails the whole call. */
  async addMembers(groupId: string, userIds: string[], actor: GroupActor): Promise<GroupView> {
    const ids = await this.checkedUsers(groupId, userIds);
    let added: string[];
    try {
      added = rowsOf<{ user_id: string }>(
        await this.ds.query(
          `INSERT INTO group_members (group_id, user_id)
           SELECT $1, u FROM unnest($2::uuid[]) AS u
           ON CONFLICT DO NOTHING RETURNING user_id`,
          [groupId, ids],
        ),
      ).map((r) => r.user_id);
    } catch (err) {
      // The group or a user was deleted between the check and the insert: nothing was added.
      if (isMissingReference(err)) return this.addMembers(groupId, userIds, actor);
      throw err;
    }
    if (added.length > 0) {
      await this.record(
        GroupAction.MEMBERS_ADDED,
        actor,
        groupId,
        `count=${added.length} users=${idList(added)}`,
      );
    }
    return this.mustGet(groupId);
  }

  /** Idempotent: users who are not members are skipped. Any unknown user id fails the call. */
  async removeMembers(groupId: string, userIds: string[], actor: GroupActor): Promise<GroupView> {
    const ids = await this.checkedUsers(groupId, userIds);
    const removed = rowsOf<{ user_id: string }>(
      await this.ds.query(
        `DELETE FROM group_members WHERE group_id = $1 AND user_id = ANY($2::uuid[])
         RETURNING user_id`,
        [groupId, ids],
      ),
    ).map((r) => r.user_id);
    if (removed.length > 0) {
      await this.record(
        GroupAction.MEMBERS_REMOVED,
        actor,
        groupId,
        `count=${removed.length} users=${idList(removed)}`,
      );
    }
    return this.mustGet(groupId);
  }

  /** The groups of each user (by name), for a whole page of users in one query. */
  async groupsForUsers(userIds: string[]): Promise<Map<string, GroupView[]>> {
    const result = new Map<string, GroupView[]>(userIds.map((id) => [id, []]));
    const ids = [...new Set(userIds.filter(isUuid))];
    if (ids.length === 0) return result;
    // Each group's members are counted once, however many of these users are in it.
    const rows = (await this.ds.query(
      `WITH mine AS (SELECT group_id, user_id FROM group_members WHERE user_id = ANY($1::uuid[])),
            counts AS (
              SELECT c.group_id, count(*)::int AS n FROM group_members c
               WHERE c.group_id IN (SELECT group_id FROM mine) GROUP BY c.group_id)
       SELECT mine.user_id, g.id, g.name, g.description, g.created_at, counts.n AS member_count
         FROM mine JOIN groups g ON g.id = mine.group_id
         JOIN counts ON counts.group_id = g.id
        ORDER BY g.name_key`,
      [ids],
    )) as (Row & { user_id: string })[];
    for (const r of rows) result.get(r.user_id)?.push(toView(r));
    return result;
  }

  /** Group names of one user, sorted; what apps receive (Remote-Groups). */
  async namesForUser(userId: string): Promise<string[]> {
    if (!isUuid(userId)) return [];
    const rows = (await this.ds.query(
      `SELECT g.name FROM group_members m JOIN groups g ON g.id = m.group_id
        WHERE m.user_id = $1 ORDER BY g.name_key`,
      [userId],
    )) as { name: string }[];
    return rows.map((r) => r.name);
  }

  /**
   * Creates the groups among `names` that do not exist yet (declared apps name groups that
   * an operator may not have created) and returns lower-case name → id for all of them.
   */
  async ensureNamed(names: string[], actor: GroupActor = { userId: null }) {
    const wanted = new Map<string, string>();
    for (const raw of names) {
      const name = checkedName(raw);
      if (!wanted.has(name.toLowerCase())) wanted.set(name.toLowerCase(), name);
    }
    const result = new Map<string, string>();
    if (wanted.size === 0) return result;
    const created = (await this.ds.query(
      `INSERT INTO groups (name, name_key)
       SELECT n, lower(n) FROM unnest($1::varchar[]) AS n ORDER BY lower(n)
       ON CONFLICT (name_key) DO NOTHING RETURNING id, name`,
      [[...wanted.values()]],
    )) as { id: string; name: string }[];
    for (const g of created) await this.record(GroupAction.CREATED, actor, g.id, `name=${g.name}`);
    const rows = (await this.ds.query(
      `SELECT id, name_key FROM groups WHERE name_key = ANY($1::varchar[])`,
      [[...wanted.keys()]],
    )) as { id: string; name_key: string }[];
    for (const r of rows) result.set(r.name_key, r.id);
    return result;
  }

  /** The group exists and every id is a user; duplicates collapse. */
  private async checkedUsers(groupId: string, userIds: string[]): Promise<string[]> {
    if (!(await this.get(groupId))) throw groupNotFound();
    const ids = [...new Set(userIds)];
    if (ids.length > Limits.groupMembersPerCall) throw tooManyUsers(Limits.groupMembersPerCall);
    const found = await this.users.existingIds(ids.filter(isUuid));
    const unknown = ids.filter((id) => !found.has(id));
    if (unknown.length > 0) throw unknownUsers(unknown);
    return ids;
  }

  private async mustGet(id: string): Promise<GroupView> {
    const g = await this.get(id);
    if (!g) throw groupNotFound();
    return g;
  }

  private record(action: string, actor: GroupActor, targetId: string, detail: string) {
    return this.audit.record({ action, actorId: actor.userId, targetId, ip: actor.ip, detail });
  }
}
