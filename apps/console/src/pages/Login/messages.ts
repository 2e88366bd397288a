import { ErrorCode } from "@gatehouse/shared";
import { type ApiError, retryHint } from "../../lib/errors";

/** Turns sign-in failures into sentences that tell the person what to do next. */
export function signInProblem(err: ApiError): string {
  switch (err.code) {
    case ErrorCode.ACCOUNT_INACTIVE:
      return "Your account is waiting for an administrator to activate it. You can sign in once they have.";
    case ErrorCode.RATE_LIMITED:
      return `Too many attempts. ${retryHint(err)}`;
    case ErrorCode.UNAUTHENTICATED:
      return "Wrong username or password.";
    case ErrorCode.BAD_USER_INPUT:
      return err.message;
    default:
      return err.message;
  }
}

/** Why the login page was opened, from its query string (redirects from elsewhere). */
export const NOTICES: Record<string, { kind: "info" | "warning" | "error"; text: string }> = {
  ended: { kind: "warning", text: "Your session has ended. Please sign in again." },
  signedOut: { kind: "info", text: "You are signed out." },
  linkInvalid: {
    kind: "error",
    text: "This link was already used or has expired. Enter your email to get a new one.",
  },
  google_disabled: { kind: "error", text: "Google sign-in is not enabled on this server." },
  google_state: {
    kind: "error",
    text: "The Google sign-in took too long or was started in another browser. Try again.",
  },
  google_denied: { kind: "warning", text: "Google sign-in was cancelled." },
  google_failed: { kind: "error", text: "Google sign-in did not succeed. Try again." },
  google_link_required: {
    kind: "warning",
    text: "An account with this email exists. Sign in the usual way, then link Google from My account.",
  },
  google_linked_elsewhere: {
    kind: "error",
    text: "The account with this email is already linked to a different Google account.",
  },
  google_rate_limited: {
    kind: "error",
    text: "Too many Google sign-in attempts from your network. Wait a few minutes and try again.",
  },
  account_inactive: {
    kind: "warning",
    text: "Your account is waiting for an administrator to activate it.",
  },
};

/**
 * The used-or-expired link notice on a server without mail: nothing can be sent, so the
 * next step is the administrator (or another way to sign in), never "enter your email".
 */
export const LINK_INVALID_MANUAL = {
  kind: "error" as const,
  text: "This link was already used or has expired. This server does not send email: ask your administrator for a new sign-in link, or sign in another way below.",
};
