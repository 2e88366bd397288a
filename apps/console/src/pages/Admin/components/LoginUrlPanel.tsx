import { useState } from "react";
import { formatDate, relative } from "../../../lib/format";
import type { LoginUrlResult } from "../hooks/useBulkActions";

/** "Get email login URL" results, at the top of the page, to copy and send by hand. */
export function LoginUrlPanel({
  items,
  onDismiss,
}: {
  items: LoginUrlResult[];
  onDismiss(userId: string): void;
}) {
  if (items.length === 0) return null;
  return (
    <section className="card login-urls" aria-labelledby="login-urls-title">
      <h2 id="login-urls-title">Login URLs</h2>
      <p className="muted small">
        Each link signs its user in once. Send it to them privately; it stops working when used or
        when it expires.
      </p>
      {items.map((item) => (
        <LoginUrlRow key={item.userId} item={item} onDismiss={() => onDismiss(item.userId)} />
      ))}
    </section>
  );
}

function LoginUrlRow({ item, onDismiss }: { item: LoginUrlResult; onDismiss(): void }) {
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);
  const inputId = `login-url-${item.userId}`;
  async function copy() {
    try {
      await navigator.clipboard.writeText(item.url);
      setCopied("yes");
    } catch {
      // Clipboard access can be refused; select the text so Ctrl+C works.
      (document.getElementById(inputId) as HTMLInputElement | null)?.select();
      setCopied("failed");
    }
  }
  return (
    <div className="login-url" data-testid="login-url" data-username={item.username}>
      <label htmlFor={inputId}>
        Login URL for <strong>{item.username}</strong>
      </label>
      <div className="row nowrap">
        <input
          id={inputId}
          type="text"
          readOnly
          value={item.url}
          onFocus={(e) => e.target.select()}
        />
        <button type="button" className="btn" onClick={copy}>
          Copy
        </button>
        <button
          type="button"
          className="btn btn-small"
          onClick={onDismiss}
          aria-label={`Hide the URL for ${item.username}`}
        >
          ✕
        </button>
      </div>
      <p className="small muted">
        Expires {relative(item.expiresAt)} ({formatDate(item.expiresAt)}).{" "}
        <span aria-live="polite">
          {copied === "yes"
            ? "Copied."
            : copied === "failed"
              ? "Copying was blocked: the URL is selected, press Ctrl+C."
              : ""}
        </span>
      </p>
    </div>
  );
}
