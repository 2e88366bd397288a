import { AppError, badInput, ErrorCode } from "../../errors.js";

/** One answer for used, expired, superseded and unknown: which one it was helps only an attacker. */
export const invalidLink = (): AppError =>
  new AppError(
    ErrorCode.INVALID_LINK,
    "This sign-in link is invalid, expired or already used. Request a new one from the sign-in page.",
  );

export const noEmail = (): AppError =>
  new AppError(
    ErrorCode.BAD_USER_INPUT,
    "This user has no email address; add one before creating a sign-in link.",
  );

export const otherSuperuserTarget = (): AppError =>
  new AppError(
    ErrorCode.FORBIDDEN,
    "Sign-in links for other superusers are turned off; set GATEHOUSE_ALLOW_ADMIN_LINKS_FOR_SUPERUSERS=true to allow them.",
  );

export const returnUrlRefused = (): AppError =>
  badInput(
    "That return address is not allowed: use a console path, or a URL on a registered app's host or under GATEHOUSE_COOKIE_DOMAIN (http or https, no user name or password).",
    "next",
  );

/** For the admin fetching a link: an inactive user's link waits (it is not spent) until activation. */
export function inactiveLinkWarning(user: { isActive: boolean; username: string }): string | null {
  if (user.isActive) return null;
  return `${user.username} is not active yet: the link will only sign them in once you activate the account (opening it earlier does not use it up).`;
}
