import { ErrorCode } from "@gatehouse/shared";
import { AppError, badInput } from "../../errors.js";

export const groupNotFound = (): AppError =>
  new AppError(ErrorCode.NOT_FOUND, "There is no group with that id.");

export const groupNameTaken = (name: string): AppError =>
  new AppError(
    ErrorCode.GROUP_NAME_TAKEN,
    `A group named "${name}" already exists (names are compared regardless of case).`,
    { field: "name" },
  );

/** Nothing is changed when any id is unknown: the caller fixes the list and retries. */
export const unknownUsers = (ids: string[]): AppError =>
  new AppError(
    ErrorCode.BAD_USER_INPUT,
    `No user has ${ids.length === 1 ? "this id" : "these ids"}: ${ids.slice(0, 10).join(", ")}${
      ids.length > 10 ? ` and ${ids.length - 10} more` : ""
    }. Nothing was changed.`,
    { field: "userIds", unknownIds: ids },
  );

export const tooManyUsers = (max: number): AppError =>
  badInput(`At most ${max} users can be added or removed at once.`, "userIds");

/** A unique-index violation on groups means another group took the name. */
export function isNameConflict(err: unknown): boolean {
  const e = err as { code?: string; constraint?: string; driverError?: unknown };
  const inner = (e?.driverError as typeof e | undefined) ?? e;
  return inner?.code === "23505" && inner.constraint === "UQ_groups_name_key";
}

/** A foreign-key violation: the group (or a user) went away while we were writing. */
export function isMissingReference(err: unknown): boolean {
  const e = err as { code?: string; driverError?: unknown };
  const inner = (e?.driverError as typeof e | undefined) ?? e;
  return inner?.code === "23503";
}
