import { ErrorCode, Limits } from "@gatehouse/shared";
import { AppError } from "../../errors.js";

export const tooManyVariables = (): AppError =>
  new AppError(
    ErrorCode.BAD_USER_INPUT,
    `You already have ${Limits.variablesPerUser} variables, the most allowed; delete one first.`,
    { field: "name" },
  );

export const keyMismatch = (message: string): AppError =>
  new AppError(
    ErrorCode.SECRET_KEY_MISMATCH,
    `Variables cannot be saved: ${message.charAt(0).toLowerCase()}${message.slice(1)}`,
  );

export const variableExists = (name: string): AppError =>
  new AppError(
    ErrorCode.VARIABLE_EXISTS,
    `You already have a variable named ${name}. Edit it to change its value, or choose another name.`,
    { field: "name" },
  );
