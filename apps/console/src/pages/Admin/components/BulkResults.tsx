import { Link } from "../../../lib/router";
import { ACTIONS, type ActionKey, type RowResult } from "../hooks/useBulkActions";

/** Per-row outcome of the last bulk action: what worked and, for the rest, why not. */
export function BulkResults({
  action,
  results,
  onDismiss,
}: {
  action: ActionKey | null;
  results: RowResult[];
  onDismiss(): void;
}) {
  if (!action || results.length === 0) return null;
  const failed = results.filter((r) => !r.ok).length;
  const unchanged = results.filter((r) => r.unchanged).length;
  const done = results.length - failed - unchanged;
  return (
    <div
      className={`alert ${failed ? "alert-warning" : "alert-success"}`}
      role="status"
      data-testid="bulk-results"
    >
      <div className="row spread">
        <strong data-testid="bulk-summary">
          {summary(action, done, unchanged)}
          {failed ? `, ${failed} failed` : ""}
        </strong>
        <button type="button" className="btn btn-small" onClick={onDismiss}>
          Dismiss
        </button>
      </div>
      <ul className="result-list">
        {results.map((r) => (
          <li key={r.userId} data-ok={r.ok}>
            <span aria-hidden="true">{r.ok ? "✓" : "✗"}</span> <strong>{r.username}</strong>:{" "}
            {r.message}
            {r.fixOnPage ? (
              <>
                {" "}
                <Link to={`/admin/users/${encodeURIComponent(r.userId)}`}>{r.fixOnPage}</Link>
              </>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** "2 activated, 1 was already active": a user already in the wanted state is not counted as done. */
function summary(action: ActionKey, done: number, unchanged: number): string {
  if (action === "activate" || action === "deactivate") {
    const verb = action === "activate" ? "activated" : "deactivated";
    const state = action === "activate" ? "active" : "inactive";
    const already = unchanged
      ? `, ${unchanged} ${unchanged === 1 ? "was" : "were"} already ${state}`
      : "";
    return `${done} ${verb}${already}`;
  }
  return `${ACTIONS[action]}: ${done} done`;
}
