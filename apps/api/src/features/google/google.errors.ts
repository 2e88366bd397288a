import { AppError, ErrorCode } from "../../errors.js";

/** Why a Google sign-in was refused; sent as `extensions.reason` so clients can explain it. */
export type GoogleFailure =
  | "MISSING_TOKEN"
  | "MALFORMED_TOKEN"
  | "BAD_SIGNATURE"
  | "WRONG_AUDIENCE"
  | "WRONG_ISSUER"
  | "EXPIRED"
  | "NOT_YET_VALID"
  | "EMAIL_NOT_VERIFIED"
  | "NO_EMAIL"
  | "NONCE_MISMATCH"
  | "ACCOUNT_LINKED_ELSEWHERE"
  | "TOKEN_REPLAYED"
  | "CERTS_UNAVAILABLE"
  | "CODE_EXCHANGE_FAILED";

const MESSAGES: Record<GoogleFailure, string> = {
  MISSING_TOKEN: "No Google ID token was given.",
  MALFORMED_TOKEN: "The Google ID token is not a valid token.",
  BAD_SIGNATURE: "The Google ID token's signature does not check out.",
  WRONG_AUDIENCE: "The Google ID token was issued for a different app (audience mismatch).",
  WRONG_ISSUER: "The Google ID token was not issued by Google.",
  EXPIRED: "The Google ID token has expired; sign in with Google again.",
  NOT_YET_VALID: "The Google ID token is not valid yet; check the server's clock.",
  EMAIL_NOT_VERIFIED: "Google has not verified this account's email address.",
  NO_EMAIL: "The Google account did not share an email address.",
  NONCE_MISMATCH: "The Google ID token belongs to a different sign-in attempt.",
  ACCOUNT_LINKED_ELSEWHERE:
    "The account with this email is already linked to a different Google account.",
  TOKEN_REPLAYED:
    "This Google ID token was already used to sign in; sign in with Google again for a fresh one.",
  CERTS_UNAVAILABLE: "Google's signing certificates could not be fetched; try again shortly.",
  CODE_EXCHANGE_FAILED: "Google did not accept the sign-in code; start again.",
};

export const googleRefused = (reason: GoogleFailure): AppError =>
  new AppError(ErrorCode.UNAUTHENTICATED, MESSAGES[reason], { reason });

export const googleDisabled = (): AppError =>
  new AppError(
    ErrorCode.FEATURE_DISABLED,
    "Google sign-in is not enabled on this server (GOOGLE_CLIENT_ID is not set).",
  );

/** Google matched an account by email that it may not join automatically (see google.service). */
export const linkRequired = (): AppError =>
  new AppError(
    ErrorCode.LINK_REQUIRED,
    "An account with this email exists. Sign in the usual way, then link Google from My account.",
    { reason: "LINK_REQUIRED" },
  );

/** Why linking Google from My account was refused. */
export type GoogleLinkFailure = "SUBJECT_TAKEN" | "OTHER_GOOGLE_LINKED" | "SESSION_CHANGED";

const LINK_MESSAGES: Record<GoogleLinkFailure, string> = {
  SUBJECT_TAKEN: "That Google account is already linked to a different Gatehouse account.",
  OTHER_GOOGLE_LINKED:
    "Your account is already linked to a different Google account; unlink it first.",
  SESSION_CHANGED: "You were signed out (or signed in as someone else) while linking; try again.",
};

export const googleLinkRefused = (reason: GoogleLinkFailure): AppError =>
  new AppError(ErrorCode.CONFLICT, LINK_MESSAGES[reason], { reason });
