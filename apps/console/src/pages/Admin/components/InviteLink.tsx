import { useState } from "react";
import { formatDate, relative } from "../../../lib/format";
import { Alert } from "../../../ui/States";

export interface IssuedLink {
  url: string;
  expiresAt: string;
  warning?: string | null;
}

/** The new user's first sign-in link, shown once in the New User dialog to hand over. */
export function InviteLink({
  username,
  link,
  onDone,
}: {
  username: string;
  link: IssuedLink;
  onDone(): void;
}) {
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);
  async function copy() {
    try {
      await navigator.clipboard.writeText(link.url);
      setCopied("yes");
    } catch {
      // Clipboard access can be refused; select the text so Ctrl+C works.
      (document.getElementById("invite-url") as HTMLInputElement | null)?.select();
      setCopied("failed");
    }
  }
  return (
    <div data-testid="invite-link">
      <Alert kind="success">
        User <strong>{username}</strong> was created. Send them this link privately: it signs them
        in once, and they can set a password or link Google afterwards.
      </Alert>
      <label htmlFor="invite-url">Login URL for {username}</label>
      <div className="row nowrap">
        <input
          id="invite-url"
          type="text"
          readOnly
          value={link.url}
          onFocus={(e) => e.target.select()}
        />
        <button type="button" className="btn" onClick={copy}>
          Copy
        </button>
      </div>
      <p className="small muted">
        Expires {relative(link.expiresAt)} ({formatDate(link.expiresAt)}). If it expires first, use{" "}
        <strong>Get email login URL</strong> on their page for a new one.{" "}
        <span aria-live="polite">
          {copied === "yes"
            ? "Copied."
            : copied === "failed"
              ? "Copying was blocked: the URL is selected, press Ctrl+C."
              : ""}
        </span>
      </p>
      {link.warning ? (
        <Alert kind="warning">
          <span data-testid="invite-link-warning">{link.warning}</span>
        </Alert>
      ) : null}
      <div className="dialog-actions">
        <button type="button" className="btn btn-primary" onClick={onDone}>
          Done
        </button>
      </div>
    </div>
  );
}
