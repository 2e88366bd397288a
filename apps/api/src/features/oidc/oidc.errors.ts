import { ErrorCode } from "@gatehouse/shared";
import { AppError, badInput } from "../../errors.js";

export const noSuchClient = (): AppError =>
  new AppError(ErrorCode.NOT_FOUND, "No such OpenID Connect client; it may have been deleted.");

export const publicHasNoSecret = (): AppError =>
  badInput("A public client has no secret to rotate.", "id");
