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
  return (
    <div
      className={`alert ${failed ? "alert-warning" : "alert-success"}`}
      role="status"
      data-testid="bulk-results"
    >
      <div className="row spread">
        <strong>
          {ACTIONS[action]}: {results.length - failed} done
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
          </li>
        ))}
      </ul>
    </div>
  );
}
