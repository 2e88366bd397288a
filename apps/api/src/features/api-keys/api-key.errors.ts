import { ErrorCode } from "@gatehouse/shared";
import { AppError } from "../../errors.js";
import type { Viewer } from "../../http/request.js";

export const apiKeyNotFound = (): AppError =>
  new AppError(ErrorCode.NOT_FOUND, "There is no API key with that id.");

export const apiKeyNotAllowed = (what: string): AppError =>
  new AppError(
    ErrorCode.API_KEY_NOT_ALLOWED,
    `An API key cannot ${what}; sign in (a session) to do it.`,
  );

/** Operations keys never do, whatever their scope: a leaked key must not entrench itself. */
export function refuseApiKey(viewer: Viewer | null | undefined, what: string): void {
  if (viewer?.apiKey) throw apiKeyNotAllowed(what);
}

export const appScopedKeyOnGraphql = (): AppError =>
  new AppError(
    ErrorCode.UNAUTHENTICATED,
    "This API key is scoped to apps (forward auth only); it cannot be used on /graphql. Use a key without an app scope.",
  );

export const keyForAnotherPerson = (): AppError =>
  new AppError(
    ErrorCode.FORBIDDEN,
    "API keys are created by their owner; a superuser may create them only for service accounts.",
  );
