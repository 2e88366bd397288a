import { Limits } from "@gatehouse/shared";
import type { Repository } from "typeorm";
import { badInput } from "../../errors.js";
import {
  decodeCursor as decodeKey,
  encodeCursor as encodeKey,
  pageSize,
} from "../../pagination.js";
import type { UserEntity } from "./user.entity.js";
import { isUuid } from "./user.errors.js";

export interface UserListQuery {
  search?: string | null;
  isActive?: boolean | null;
  isSuperuser?: boolean | null;
  emailVerified?: boolean | null;
  /** Only members of this group. */
  groupId?: string | null;
  first?: number | null;
  after?: string | null;
}

export interface UserPage {
  users: UserEntity[];
  hasNextPage: boolean;
  totalCount: number;
  cursorOf(user: UserEntity): string;
}

/** Inside a cursor: the (unique) lower-cased username. */
const encodeCursor = (u: UserEntity): string => encodeKey(u.usernameKey);
const decodeCursor = (cursor: string): string =>
  decodeKey(cursor, (key) => key.length <= Limits.usernameMax);

/** LIKE treats % and _ as wildcards; a search for "a_b" means those characters literally. */
function likePattern(search: string): string {
  return `%${search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function checkedSearch(q: UserListQuery): string | null {
  const search = q.search?.trim();
  if (!search) return null;
  if (search.length > Limits.searchMax)
    throw badInput(`Search is limited to ${Limits.searchMax} characters.`, "search");
  return search;
}

const FLAGS = [
  ["isActive", "is_active"],
  ["isSuperuser", "is_superuser"],
  ["emailVerified", "email_verified"],
] as const;

/** The boolean filters as SQL conditions; users and user_search name the columns alike. */
function flagFilters(q: UserListQuery, alias: string) {
  const where: string[] = [];
  const params: Record<string, boolean> = {};
  for (const [name, column] of FLAGS) {
    const value = q[name];
    if (typeof value !== "boolean") continue;
    where.push(`${alias}"${column}" = :${name}`);
    params[name] = value;
  }
  return { where, params };
}

/**
 * Must stay identical to the expression of IDX_user_search_trgm (migration 1795500000000),
 * or PostgreSQL cannot use the index.
 */
const SEARCH_TEXT = `("username_key" || E'\\n' || coalesce("email", ''))`;

/**
 * Search reads the narrow user_search table once for both the total and the page's ids, then
 * only the page's users rows. (Counting and paging separately on users read every matching
 * wide row twice, and the planner sometimes walked the whole username index for the page.)
 */
async function searchUsers(
  repo: Repository<UserEntity>,
  q: UserListQuery,
  search: string,
  first: number,
): Promise<UserPage> {
  const flags = flagFilters(q, "");
  // The index narrows down candidates; each field is then tested on its own, so a pattern
  // never matches across the username/email boundary.
  const where = [
    `${SEARCH_TEXT} LIKE :pattern`,
    `("username_key" LIKE :pattern OR "email" LIKE :pattern)`,
    ...flags.where,
  ];
  const matches = `SELECT "user_id", "username_key" FROM "user_search" WHERE ${where.join(" AND ")}`;
  const after = q.after ? decodeCursor(q.after) : null;
  const params = { ...flags.params, pattern: likePattern(search), limit: first + 1, after };
  const pageIds = `ARRAY(SELECT "user_id" FROM "m"
    ${after === null ? "" : `WHERE "username_key" > :after`}
    ORDER BY "username_key" LIMIT :limit)`;
  // MATERIALIZED: the matches are found once and read twice (count and page). One statement,
  // so the total and the page come from the same snapshot.
  const { entities: rows, raw } = await repo
    .createQueryBuilder("u")
    .addCommonTableExpression(matches, "m", { materialized: true })
    .addSelect(`(SELECT count(*) FROM "m")`, "total")
    .where(`u.id = ANY(${pageIds})`)
    .orderBy("u.username_key", "ASC")
    .setParameters(params)
    .getRawAndEntities<{ total: string }>();
  let totalCount = Number(raw[0]?.total ?? 0);
  // An empty page after a cursor carries no total: count on its own (only past the last match).
  if (rows.length === 0 && after !== null) {
    const c = await repo.manager
      .createQueryBuilder()
      .select("count(*)", "n")
      .from(`(${matches})`, "m")
      .setParameters(params)
      .getRawOne<{ n: string }>();
    totalCount = Number(c?.n ?? 0);
  }
  return {
    users: rows.slice(0, first),
    hasNextPage: rows.length > first,
    totalCount,
    cursorOf: encodeCursor,
  };
}

/**
 * Members of one group (a separate path, so the unfiltered list keeps its plans). A group is
 * a small part of the users table: the planner drives from group_members' primary key.
 */
async function groupMembers(
  repo: Repository<UserEntity>,
  q: UserListQuery,
  groupId: string,
  search: string | null,
  first: number,
): Promise<UserPage> {
  const empty = { users: [], hasNextPage: false, totalCount: 0, cursorOf: encodeCursor };
  if (!isUuid(groupId)) return empty;
  const flags = flagFilters(q, "u.");
  const where = [
    `EXISTS (SELECT 1 FROM "group_members" gm WHERE gm."group_id" = :groupId AND gm."user_id" = u."id")`,
    ...flags.where,
  ];
  if (search !== null) where.push(`(u."username_key" LIKE :pattern OR u."email" LIKE :pattern)`);
  const params = {
    ...flags.params,
    groupId,
    ...(search === null ? {} : { pattern: likePattern(search) }),
  };
  const filtered = () => {
    const qb = repo.createQueryBuilder("u").setParameters(params);
    for (const condition of where) qb.andWhere(condition);
    return qb;
  };
  const page = filtered();
  const after = q.after ? decodeCursor(q.after) : null;
  if (after !== null) page.andWhere(`u."username_key" > :after`, { after });
  page.orderBy("u.username_key", "ASC").limit(first + 1);
  const [rows, totalCount] = await Promise.all([page.getMany(), filtered().getCount()]);
  return {
    users: rows.slice(0, first),
    hasNextPage: rows.length > first,
    totalCount,
    cursorOf: encodeCursor,
  };
}

/**
 * Every combination of the three flags a filter allows (an unset flag allows both values),
 * as parallel arrays for unnest().
 */
function flagCombinations(q: UserListQuery) {
  const values = (v: boolean | null | undefined) => (typeof v === "boolean" ? [v] : [false, true]);
  const combos = { active: [] as boolean[], superuser: [] as boolean[], verified: [] as boolean[] };
  for (const a of values(q.isActive))
    for (const su of values(q.isSuperuser))
      for (const v of values(q.emailVerified)) {
        combos.active.push(a);
        combos.superuser.push(su);
        combos.verified.push(v);
      }
  return combos;
}

/**
 * The exact number of users the flags allow, from the counters that triggers on users keep
 * (migration 1795600000400): at most eight rows, where count(*) read the whole table.
 */
async function countUsers(repo: Repository<UserEntity>, q: UserListQuery): Promise<number> {
  const flags = flagFilters(q, "c.");
  const count = repo.manager
    .createQueryBuilder()
    .select(`coalesce(sum(c."n"), 0)`, "n")
    .from("user_counts", "c")
    .setParameters(flags.params);
  for (const condition of flags.where) count.andWhere(condition);
  return Number((await count.getRawOne<{ n: string }>())?.n ?? 0);
}

/**
 * Sorted by username (case-insensitively), keyset-paginated, with the filtered total.
 * Unfiltered, the page walks the username index. Filtered, it takes the first rows of each
 * allowed flag combination from IDX_users_flags_username and merges them: walking the
 * username index instead passes every user that does not match, which for a rare flag
 * (superusers, pending accounts) is nearly the whole table.
 */
export async function listUsers(repo: Repository<UserEntity>, q: UserListQuery): Promise<UserPage> {
  const first = pageSize(q.first);
  const search = checkedSearch(q);
  if (q.groupId != null) return groupMembers(repo, q, q.groupId, search, first);
  if (search) return searchUsers(repo, q, search, first);
  const after = q.after ? decodeCursor(q.after) : null;
  const page = repo.createQueryBuilder("u");
  if (flagFilters(q, "").where.length === 0) {
    if (after !== null) page.andWhere("u.username_key > :after", { after });
  } else {
    const combos = flagCombinations(q);
    page.where(
      `u.id = ANY(ARRAY(
        SELECT x."id" FROM unnest(CAST(:active AS boolean[]), CAST(:superuser AS boolean[]),
                                  CAST(:verified AS boolean[])) c(a, s, v)
        CROSS JOIN LATERAL (
          SELECT f."id", f."username_key" FROM "users" f
           WHERE f."is_active" = c.a AND f."is_superuser" = c.s AND f."email_verified" = c.v
             ${after === null ? "" : `AND f."username_key" > :after`}
           ORDER BY f."username_key" LIMIT :limit) x
        ORDER BY x."username_key" LIMIT :limit))`,
      { ...combos, after, limit: first + 1 },
    );
  }
  page.orderBy("u.username_key", "ASC").limit(first + 1);
  const [rows, totalCount] = await Promise.all([page.getMany(), countUsers(repo, q)]);
  return {
    users: rows.slice(0, first),
    hasNextPage: rows.length > first,
    totalCount,
    cursorOf: encodeCursor,
  };
}

export type UserMatchQuery = Omit<UserListQuery, "first" | "after">;

/**
 * Every user listUsers would show for `q`, all pages, for acting on "all matching" at once.
 * Walks the same pages (same rules, same order) rather than a second query that could drift
 * from the list; more than `max` is BAD_USER_INPUT, so a selection is never silently cut.
 */
export async function matchUsers(
  repo: Repository<UserEntity>,
  q: UserMatchQuery,
  max: number,
): Promise<UserEntity[]> {
  const out: UserEntity[] = [];
  let after: string | null = null;
  for (;;) {
    const page = await listUsers(repo, { ...q, first: Limits.pageSizeMax, after });
    if (page.totalCount > max || out.length + page.users.length > max)
      throw badInput(
        `${page.totalCount} users match; at most ${max} can be chosen at once. Narrow the search or filters.`,
        "search",
      );
    out.push(...page.users);
    const last = page.users[page.users.length - 1];
    if (!page.hasNextPage || !last) return out;
    after = page.cursorOf(last);
  }
}
