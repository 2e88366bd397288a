import { ErrorCode } from "@gatehouse/shared";
import { AppError } from "../../errors.js";

export const confirmationMismatch = (username: string): AppError =>
  new AppError(
    ErrorCode.BAD_USER_INPUT,
    `To delete this user, type their username exactly: ${username}`,
    { field: "confirmUsername" },
  );

export const autoLoginUser = (): AppError =>
  new AppError(
    ErrorCode.FORBIDDEN,
    "The default user is the one auto-login signs everyone in as: turn auto-login off (GATEHOUSE_AUTO_LOGIN=false) before renaming or deleting it, or taking its name.",
  );

export const envSuperuserRename = (username: string): AppError =>
  new AppError(
    ErrorCode.FORBIDDEN,
    `${username} is the superuser named by GATEHOUSE_SUPERUSER; change that setting first, or the next start would create it again.`,
    { field: "username" },
  );

export const noOtherWayIn = (what: string): AppError =>
  new AppError(
    ErrorCode.BAD_USER_INPUT,
    `Cannot ${what}: the user would have no way to sign in (no password, email or Google account). Add an email first, or confirm with force.`,
  );
