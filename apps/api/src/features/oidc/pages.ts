import type { ErrorOut } from "oidc-provider";

const esc = (s: unknown): string =>
  String(s ?? "").replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
  );

const page = (title: string, body: string): string =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(title)}</title>
<style>body{font:16px system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#1f2937}
button{font:inherit;padding:.5rem 1rem;margin-right:.5rem;border-radius:.375rem;border:1px solid #9ca3af;background:#fff;cursor:pointer}
button.primary{background:#1d4ed8;color:#fff;border-color:#1d4ed8}code{background:#f3f4f6;padding:0 .25rem}</style></head>
<body><main>${body}</main></body></html>`;

/** An error shown to a person (the authorization endpoint cannot redirect back). */
export function renderErrorPage(out: ErrorOut): string {
  return page(
    "Sign-in error",
    `<h1>The app's sign-in request was refused</h1><p><code>${esc(out.error)}</code></p><p>${esc(out.error_description)}</p>`,
  );
}

/** RP-initiated logout: confirm before ending the session (the library's form inside). */
export function renderLogoutPage(form: string, clientName?: string): string {
  return page(
    "Sign out",
    `${form}<h1>Sign out${clientName ? ` of ${esc(clientName)}` : ""}?</h1>
<p>You will be signed out of the apps that use Gatehouse in this browser.</p>
<button class="primary" autofocus type="submit" form="op.logoutForm" value="yes" name="logout">Sign out</button>
<button type="submit" form="op.logoutForm">Stay signed in</button>`,
  );
}

/** The consent screen for third-party clients. */
export function renderConsentPage(opts: {
  action: string;
  clientName: string;
  username: string;
  scopes: string[];
}): string {
  const items = opts.scopes.map((s) => `<li><code>${esc(s)}</code></li>`).join("");
  return page(
    "Allow access?",
    `<h1>${esc(opts.clientName)} wants to sign you in</h1>
<p>Signed in as <strong>${esc(opts.username)}</strong>. It asks for:</p><ul>${items}</ul>
<form method="post" action="${esc(opts.action)}">
<button class="primary" name="decision" value="allow" type="submit">Allow</button>
<button name="decision" value="deny" type="submit">Deny</button></form>`,
  );
}
