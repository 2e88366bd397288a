import { ErrorCode, Limits } from "@gatehouse/shared";
import { AppError } from "../../errors.js";

export const tooManyVariables = (): AppError =>
  new AppError(
    ErrorCode.BAD_USER_INPUT,
    `You already have ${Limits.variablesPerUser} variables, the most allowed; delete one first.`,
    { field: "name" },
  );

/** The name is not secret and helps an administrator find the row; the value never appears. */
export const undecryptableVariable = (name: string): AppError =>
  new AppError(
    ErrorCode.SECRET_KEY_MISMATCH,
    `The variable "${name}" was encrypted with a key this server does not have; an administrator must add that key to GATEHOUSE_SECRET_KEY_FALLBACKS (see secretKeyStatus).`,
  );

export const keyMismatch = (message: string): AppError =>
  new AppError(
    ErrorCode.SECRET_KEY_MISMATCH,
    `Variables cannot be saved: ${message.charAt(0).toLowerCase()}${message.slice(1)}`,
  );
