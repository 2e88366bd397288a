import { Limits } from "./limits.js";

/** A rule check returns null when the value is fine, or a sentence a person can act on. */
export type RuleResult = string | null;

const USERNAME_RE = /^[a-zA-Z0-9][a-zA-Z0-9._@-]*$/;
// Deliberately plain: one @, a dot in the domain, no spaces. Deliverability is proven by the link.
const EMAIL_RE = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;
const VARIABLE_NAME_RE = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

export function normalizeUsername(value: string): string {
  return value.trim();
}

export function normalizeEmail(value: string): string {
  return value.trim().toLowerCase();
}

export function checkUsername(value: string): RuleResult {
  const v = normalizeUsername(value);
  if (v.length < Limits.usernameMin)
    return `Username must be at least ${Limits.usernameMin} characters.`;
  if (v.length > Limits.usernameMax)
    return `Username must be at most ${Limits.usernameMax} characters.`;
  if (!USERNAME_RE.test(v))
    return "Username may contain letters, digits and . _ @ - and must start with a letter or digit.";
  return null;
}

export function checkEmail(value: string): RuleResult {
  const v = normalizeEmail(value);
  if (v.length === 0) return "Email is required.";
  if (v.length > Limits.emailMax) return `Email must be at most ${Limits.emailMax} characters.`;
  if (!EMAIL_RE.test(v)) return "Enter an email address like name@example.com.";
  return null;
}

/** Length rules only; a new password also goes through checkNewPassword (password-strength.ts). */
/** Trimmed; an empty result means "no display name" (null). */
export function normalizeDisplayName(value: string): string | null {
  const v = value.trim();
  return v === "" ? null : v;
}

// Sent to apps as a header (Remote-Name) and an ID token claim: no control characters, which
// could end a header line or hide part of the name.
// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing them is the point
const DISPLAY_NAME_BAD = /[\u0000-\u001f\u007f-\u009f]/;

export function checkDisplayName(value: string): RuleResult {
  const v = value.trim();
  // Code points, not UTF-16 units: a name in another script is not cut shorter.
  if ([...v].length > Limits.displayNameMax)
    return `Display name must be at most ${Limits.displayNameMax} characters.`;
  if (DISPLAY_NAME_BAD.test(v)) return "Display name cannot contain control characters.";
  return null;
}

export function checkPassword(value: string, opts: { superuser?: boolean } = {}): RuleResult {
  const min = opts.superuser ? Limits.superuserPasswordMin : Limits.passwordMin;
  if (value.length < min)
    return opts.superuser
      ? `A superuser's password must be at least ${min} characters.`
      : `Password must be at least ${min} characters.`;
  if (value.length > Limits.passwordMax)
    return `Password must be at most ${Limits.passwordMax} characters.`;
  if (value.trim().length === 0) return "Password cannot be only spaces.";
  return null;
}

export function checkVariableName(value: string): RuleResult {
  if (value.length === 0) return "Variable name is required.";
  if (value.length > Limits.variableNameMax)
    return `Variable name must be at most ${Limits.variableNameMax} characters.`;
  if (!VARIABLE_NAME_RE.test(value))
    return "Variable name may contain letters, digits, _ . - and must start with a letter or _.";
  return null;
}

export function utf8Length(value: string): number {
  return new TextEncoder().encode(value).length;
}

export function checkVariableValue(value: string): RuleResult {
  if (utf8Length(value) > Limits.variableValueMaxBytes)
    return `Variable value must be at most ${Limits.variableValueMaxBytes / 1024} KiB.`;
  return null;
}

export function normalizeGroupName(value: string): string {
  return value.trim();
}

// Group names travel to apps in a comma-separated header (Remote-Groups), so a comma
// or a control character inside a name would change what the app reads.
// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing them is the point
const GROUP_NAME_BAD = /[,\u0000-\u001f\u007f]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing them is the point
const GROUP_TEXT_BAD = /[\u0000-\u001f\u007f]/;

export function checkGroupName(value: string): RuleResult {
  const v = normalizeGroupName(value);
  if (v.length === 0) return "Group name is required.";
  if (v.length > Limits.groupNameMax)
    return `Group name must be at most ${Limits.groupNameMax} characters.`;
  if (GROUP_NAME_BAD.test(v)) return "Group name cannot contain commas or control characters.";
  return null;
}

export function checkGroupDescription(value: string): RuleResult {
  if (value.length > Limits.groupDescriptionMax)
    return `Description must be at most ${Limits.groupDescriptionMax} characters.`;
  if (GROUP_TEXT_BAD.test(value)) return "Description cannot contain control characters.";
  return null;
}
