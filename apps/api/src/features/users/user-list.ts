import { Limits } from "@gatehouse/shared";
import type { Repository, SelectQueryBuilder } from "typeorm";
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

function applyFilters(qb: SelectQueryBuilder<UserEntity>, q: UserListQuery): void {
  const search = q.search?.trim();
  if (search) {
    if (search.length > Limits.searchMax)
      throw badInput(`Search is limited to ${Limits.searchMax} characters.`, "search");
    qb.andWhere("(u.username_key LIKE :pattern OR u.email LIKE :pattern)", {
      pattern: likePattern(search),
    });
  }
  if (typeof q.isActive === "boolean")
    qb.andWhere("u.is_active = :isActive", { isActive: q.isActive });
  if (typeof q.isSuperuser === "boolean")
    qb.andWhere("u.is_superuser = :isSuperuser", { isSuperuser: q.isSuperuser });
  if (typeof q.emailVerified === "boolean")
    qb.andWhere("u.email_verified = :emailVerified", { emailVerified: q.emailVerified });
}

/** Sorted by username (case-insensitively), keyset-paginated, with the filtered total. */
export async function listUsers(repo: Repository<UserEntity>, q: UserListQuery): Promise<UserPage> {
  const first = pageSize(q.first);
  const page = repo.createQueryBuilder("u");
  applyFilters(page, q);
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
