import type { MailMessage } from "./mail.types.js";

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

export interface MagicLinkMailInput {
  appName: string;
  to: string;
  url: string;
  ttlMs: number;
  /** The link's id: a retry of the same link is the same message to Resend. */
  linkId: string;
}

/** The sign-in mail: names the app, says the link works once and when it stops working. */
export function magicLinkMessage(input: MagicLinkMailInput): MailMessage {
  const { appName, url, ttlMs } = input;
  const expiry = minutes(ttlMs);
  const text = [
    `Sign in to ${appName}`,
    "",
    `Open this link to sign in to ${appName} as ${input.to}:`,
    url,
    "",
    `The link works once and expires in ${expiry}.`,
    "If you did not ask to sign in, ignore this message: nothing happens until the link is used.",
  ].join("\n");
  const app = escapeHtml(appName);
  const href = escapeHtml(url);
  const html = `<!doctype html>
<html><body style="font-family: system-ui, sans-serif; color: #1f2328; line-height: 1.5">
<h1 style="font-size: 20px">Sign in to ${app}</h1>
<p>Use the button below to sign in to ${app} as <strong>${escapeHtml(input.to)}</strong>.</p>
<p><a href="${href}" style="display: inline-block; padding: 10px 16px; background: #1f6feb; color: #fff; border-radius: 6px; text-decoration: none">Sign in to ${app}</a></p>
<p style="font-size: 13px; color: #57606a">Or paste this address into your browser:<br>${href}</p>
<p style="font-size: 13px; color: #57606a">The link works once and expires in ${expiry}. If you did not ask to sign in, ignore this message: nothing happens until the link is used.</p>
</body></html>`;
  return {
    to: input.to,
    subject: `Your sign-in link for ${appName}`,
    html,
    text,
    idempotencyKey: `magic-link-${input.linkId}`,
  };
}
