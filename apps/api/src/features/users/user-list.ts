import { Limits } from "@gatehouse/shared";
import type { Repository } from "typeorm";
import { badInput } from "../../errors.js";
import type { UserEntity } from "./user.entity.js";

export interface UserListQuery {
  search?: string | null;
  isActive?: boolean | null;
  isSuperuser?: boolean | null;
  emailVerified?: boolean | null;
  first?: number | null;
  after?: string | null;
}

export interface UserPage {
  users: UserEntity[];
  hasNextPage: boolean;
  totalCount: number;
  cursorOf(user: UserEntity): string;
}

/** Cursors are opaque to clients; inside they are the (unique) lower-cased username. */
const encodeCursor = (u: UserEntity): string =>
  Buffer.from(u.usernameKey, "utf8").toString("base64url");

function decodeCursor(cursor: string): string {
  const key = Buffer.from(cursor, "base64url").toString("utf8");
  if (key === "" || key.length > Limits.usernameMax)
    throw badInput("That cursor is not valid.", "after");
  return key;
}

/** LIKE treats % and _ as wildcards; a search for "a_b" means those characters literally. */
function likePattern(search: string): string {
  return `%${search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Page size: at least 1, at most Limits.pageSizeMax (larger requests are capped, not refused). */
export function pageSize(first: number | null | undefined): number {
  const n = first ?? Limits.pageSizeDefault;
  if (!Number.isInteger(n) || n < 1) throw badInput("first must be a positive number.", "first");
  return Math.min(n, Limits.pageSizeMax);
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

/** Sorted by username (case-insensitively), keyset-paginated, with the filtered total. */
export async function listUsers(repo: Repository<UserEntity>, q: UserListQuery): Promise<UserPage> {
  const first = pageSize(q.first);
  const search = checkedSearch(q);
  if (search) return searchUsers(repo, q, search, first);
  const flags = flagFilters(q, "u.");
  const page = repo.createQueryBuilder("u").setParameters(flags.params);
  for (const condition of flags.where) page.andWhere(condition);
  const count = page.clone();
  if (q.after) page.andWhere("u.username_key > :after", { after: decodeCursor(q.after) });
  page.orderBy("u.username_key", "ASC").limit(first + 1);
  const [rows, totalCount] = await Promise.all([page.getMany(), count.getCount()]);
  return {
    users: rows.slice(0, first),
    hasNextPage: rows.length > first,
    totalCount,
    cursorOf: encodeCursor,
  };
}
