/** Text for HTML element content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string,
  );
}

export interface DeniedPageInput {
  /** GATEHOUSE_APP_NAME. */
  appName: string;
  username: string;
  /** The protected app's name (or host), or null when unknown. */
  app: string | null;
  /** The console, where the person can sign out and sign in as someone else. */
  consoleUrl: string;
}

/**
 * The 403 a browser sees (through Caddy or Traefik; nginx shows its own error page unless
 * configured otherwise): who is signed in, and that this account lacks access, so the person
 * knows to ask rather than to retry.
 */
export function deniedPage(p: DeniedPageInput): string {
  const app = p.app ? `<strong>${escapeHtml(p.app)}</strong>` : "this app";
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>No access — ${escapeHtml(p.appName)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:34rem;margin:4rem auto;padding:0 1rem;line-height:1.5;color:#222}h1{font-size:1.4rem}</style>
</head><body><main>
<h1>You do not have access to ${app}</h1>
<p>You are signed in to ${escapeHtml(p.appName)} as <strong>${escapeHtml(p.username)}</strong>, and this account may not use ${app}.</p>
<p>Ask an administrator to give you access, or <a href="${escapeHtml(p.consoleUrl)}">open your account</a> to sign out and sign in as someone else.</p>
</main></body></html>
`;
}
