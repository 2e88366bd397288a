import type { MailMessage } from "../mail/mail.types.js";

function escapeHtml(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

function minutes(ms: number): string {
  const m = Math.max(1, Math.round(ms / 60_000));
  return m === 1 ? "1 minute" : `${m} minutes`;
}

export interface AccountMailInput {
  appName: string;
  to: string;
  url: string;
  ttlMs: number;
  /** Makes a retry of the same link the same message to Resend. */
  idempotencyKey: string;
}

interface Wording {
  subject: string;
  heading: string;
  lead: string;
  button: string;
  ignore: string;
}

/** One layout for every account mail: a heading, a sentence, a button, the raw address. */
function accountMessage(input: AccountMailInput, w: Wording): MailMessage {
  const expiry = minutes(input.ttlMs);
  const text = [
    w.heading,
    "",
    `${w.lead}:`,
    input.url,
    "",
    `The link works once and expires in ${expiry}.`,
    w.ignore,
  ].join("\n");
  const href = escapeHtml(input.url);
  const html = `<!doctype html>
<html><body style="font-family: system-ui, sans-serif; color: #1f2328; line-height: 1.5">
<h1 style="font-size: 20px">${escapeHtml(w.heading)}</h1>
<p>${escapeHtml(w.lead)}.</p>
<p><a href="${href}" style="display: inline-block; padding: 10px 16px; background: #1f6feb; color: #fff; border-radius: 6px; text-decoration: none">${escapeHtml(w.button)}</a></p>
<p style="font-size: 13px; color: #57606a">Or paste this address into your browser:<br>${href}</p>
<p style="font-size: 13px; color: #57606a">The link works once and expires in ${expiry}. ${escapeHtml(w.ignore)}</p>
</body></html>`;
  return {
    to: input.to,
    subject: w.subject,
    html,
    text,
    idempotencyKey: input.idempotencyKey,
  };
}

/** "Forgot password?": a sign-in link after which the console offers to set a new password. */
export function passwordResetMessage(input: AccountMailInput): MailMessage {
  return accountMessage(input, {
    subject: `Reset your password for ${input.appName}`,
    heading: `Reset your password for ${input.appName}`,
    lead: `Open this link to sign in to ${input.appName} as ${input.to} and choose a new password`,
    button: "Choose a new password",
    ignore: "If you did not ask for this, ignore this message: your password stays as it is.",
  });
}

/** Sent to the NEW address: the change happens only when this link is opened. */
export function emailChangeMessage(input: AccountMailInput): MailMessage {
  return accountMessage(input, {
    subject: `Confirm your new email for ${input.appName}`,
    heading: `Confirm your new email for ${input.appName}`,
    lead: `Open this link to make ${input.to} the email of your ${input.appName} account`,
    button: "Confirm this email",
    ignore: "If you did not ask for this, ignore this message: nothing changes.",
  });
}

/** "Create and send invitation": a sign-in link for a new account. */
export function invitationMessage(input: AccountMailInput & { username: string }): MailMessage {
  return accountMessage(input, {
    subject: `You are invited to ${input.appName}`,
    heading: `You are invited to ${input.appName}`,
    lead: `An administrator created the account ${input.username} for you. Open this link to sign in`,
    button: `Sign in to ${input.appName}`,
    ignore: "If you did not expect this, ignore this message.",
  });
}
