import { useState } from "react";

/** A read-only value with a Copy button; when the clipboard is refused the text is selected. */
export function CopyField({
  id,
  label,
  value,
  testId,
}: {
  id: string;
  label: string;
  value: string;
  testId?: string;
}) {
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied("yes");
    } catch {
      (document.getElementById(id) as HTMLInputElement | null)?.select();
      setCopied("failed");
    }
  }
  return (
    <div className="login-url copy-field">
      <label htmlFor={id}>{label}</label>
      <div className="row nowrap">
        <input
          id={id}
          type="text"
          readOnly
          value={value}
          data-testid={testId}
          onFocus={(e) => e.target.select()}
        />
        <button type="button" className="btn" onClick={copy} aria-label={`Copy ${label}`}>
          Copy
        </button>
      </div>
      <p className="small muted" aria-live="polite">
        {copied === "yes"
          ? "Copied."
          : copied === "failed"
            ? "Copying was blocked: the text is selected, press Ctrl+C."
            : null}
      </p>
    </div>
  );
}
