import { ErrorCode } from "@gatehouse/shared";
import type { Clock } from "../../clock.js";
import { AppError } from "../../errors.js";
import type { Viewer } from "../../http/request.js";

/**
 * Sensitive operations (rotating the key, making a superuser, setting a password, creating
 * an API key) need the session's owner to have proved who they are recently, so a session
 * left open on a shared machine, or a stolen token, cannot do them. Auto-login is exempt:
 * there is no sign-in to repeat.
 */
export function requireFreshSignIn(viewer: Viewer | null, clock: Clock, freshMs: number): void {
  if (!viewer || viewer.autoLogin) return;
  // A key has no sign-in to repeat; asking it to re-authenticate would be a dead end.
  if (viewer.apiKey) {
    throw new AppError(
      ErrorCode.API_KEY_NOT_ALLOWED,
      "An API key cannot do this sensitive operation; sign in (a session) to do it.",
    );
  }
  const at = viewer.signedInAt?.getTime() ?? 0;
  if (clock.now().getTime() - at <= freshMs) return;
  throw new AppError(
    ErrorCode.FRESH_SIGN_IN_REQUIRED,
    `This needs a sign-in within the last ${describe(freshMs)}: confirm your password (reauthenticate) and try again.`,
    { freshWithinSeconds: Math.floor(freshMs / 1000) },
  );
}

function describe(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 1) return `${Math.round(ms / 1000)} seconds`;
  if (minutes < 120) return `${minutes} minute${minutes === 1 ? "" : "s"}`;
  return `${Math.round(minutes / 60)} hours`;
}
