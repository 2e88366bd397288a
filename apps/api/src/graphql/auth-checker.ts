import { Role } from "@gatehouse/shared";
import type { AuthCheckerFn } from "type-graphql";
import { AppError, ErrorCode } from "../errors.js";
import type { Context } from "./context.js";

/**
 * Deny by default. `@Authorized()` needs a viewer; `@Authorized(Role.SUPERUSER)` needs
 * a superuser. Anonymous requests get UNAUTHENTICATED, signed-in users FORBIDDEN.
 */
export const authChecker: AuthCheckerFn<Context, string> = ({ context }, roles) => {
  const viewer = context.viewer;
  if (!viewer) {
    throw new AppError(ErrorCode.UNAUTHENTICATED, "Sign in first.");
  }
  if (roles.includes(Role.SUPERUSER) && !viewer.isSuperuser) {
    throw new AppError(ErrorCode.FORBIDDEN, "Only superusers can do this.");
  }
  return true;
};
