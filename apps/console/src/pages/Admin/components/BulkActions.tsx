import { type FormEvent, useState } from "react";
import { ACTIONS, type ActionKey } from "../hooks/useBulkActions";

/** The actions menu above the table: choose an action, apply it to the ticked rows. */
export function BulkActions({
  count,
  running,
  onRun,
}: {
  count: number;
  running: boolean;
  onRun(action: ActionKey): void;
}) {
  const [action, setAction] = useState<ActionKey | "">("");
  function submit(e: FormEvent) {
    e.preventDefault();
    if (action && count > 0) onRun(action);
  }
  return (
    <form className="bulk row" onSubmit={submit} aria-label="Actions on selected users">
      <label htmlFor="bulk-action" className="sr-only">
        Action
      </label>
      <select
        id="bulk-action"
        value={action}
        onChange={(e) => setAction(e.target.value as ActionKey | "")}
      >
        <option value="">Action…</option>
        {(Object.keys(ACTIONS) as ActionKey[]).map((k) => (
          <option key={k} value={k}>
            {ACTIONS[k]}
          </option>
        ))}
      </select>
      <button type="submit" className="btn" disabled={!action || count === 0 || running}>
        {running ? "Working…" : "Go"}
      </button>
      <span className="muted small" aria-live="polite">
        {count === 0 ? "Tick users to act on them" : `${count} selected`}
      </span>
    </form>
  );
}
