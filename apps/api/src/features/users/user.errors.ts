import { ErrorCode } from "@gatehouse/shared";
import { AppError } from "../../errors.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids come from clients; a malformed one is "not found", not a database error. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

export const userNotFound = (): AppError =>
  new AppError(ErrorCode.NOT_FOUND, "There is no user with that id.");

export const lastSuperuser = (): AppError =>
  new AppError(
    ErrorCode.LAST_SUPERUSER,
    "This is the last active superuser; make someone else a superuser first.",
  );

export const notYourself = (what: string): AppError =>
  new AppError(ErrorCode.FORBIDDEN, `You cannot ${what} yourself; ask another superuser.`);

export const usernameTaken = (): AppError =>
  new AppError(ErrorCode.CONFLICT, "That username is already taken.", { field: "username" });

export const emailTaken = (): AppError =>
  new AppError(ErrorCode.CONFLICT, "Another account already uses that email.", {
    field: "email",
  });

/** Maps a unique-index violation on users to the field a person can fix. */
export function uniqueViolation(err: unknown): AppError | null {
  const e = err as { code?: string; constraint?: string; driverError?: unknown };
  const inner = (e?.driverError as typeof e | undefined) ?? e;
  if (inner?.code !== "23505") return null;
  if (inner.constraint === "UQ_users_email") return emailTaken();
  if (inner.constraint === "UQ_users_username_key") return usernameTaken();
  return new AppError(ErrorCode.CONFLICT, "That account already exists.");
}
