import type { ReactNode } from "react";
import { errorMessage } from "../lib/errors";

export function Loading({ label = "Loading…" }: { label?: string }) {
  return (
    <p className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label}
    </p>
  );
}

export function ErrorBox({
  error,
  title = "Something went wrong",
  onRetry,
}: {
  error: unknown;
  title?: string;
  onRetry?: () => void;
}) {
  return (
    <div className="alert alert-error" role="alert">
      <strong>{title}</strong>
      <p>{errorMessage(error) || String(error)}</p>
      {onRetry ? (
        <button type="button" className="btn" onClick={onRetry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="state state-empty">{children}</p>;
}

export function Alert({
  kind,
  children,
  live = true,
}: {
  kind: "info" | "success" | "warning" | "error";
  children: ReactNode;
  live?: boolean;
}) {
  return (
    <div className={`alert alert-${kind}`} role={kind === "error" && live ? "alert" : "status"}>
      {children}
    </div>
  );
}
