import { ErrorCode } from "@gatehouse/shared";
import { AppError } from "../../errors.js";

export const appDeclared = (name: string): AppError =>
  new AppError(
    ErrorCode.APP_DECLARED,
    `"${name}" is declared in GATEHOUSE_APPS, so it is read-only here; edit GATEHOUSE_APPS and restart Gatehouse to change or remove it.`,
  );

export const appNotFound = (): AppError =>
  new AppError(ErrorCode.NOT_FOUND, "No such app; it may have been deleted.");

export const appNameTaken = (name: string): AppError =>
  new AppError(
    ErrorCode.CONFLICT,
    `An app named "${name}" already exists (names are not case-sensitive); choose another name.`,
    { field: "name" },
  );

export const hostTaken = (host: string, owner: string): AppError =>
  new AppError(
    ErrorCode.CONFLICT,
    `Host ${host} already belongs to the app "${owner}"; a host can belong to one app only. Remove it there first.`,
    { field: "hosts", host },
  );

export const unknownGroups = (names: string[]): AppError =>
  new AppError(
    ErrorCode.BAD_USER_INPUT,
    `No group named ${names.map((n) => `"${n}"`).join(", ")}; create it on the Groups page first, or check the spelling.`,
    { field: "groupNames" },
  );
