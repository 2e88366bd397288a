import { type FormEvent, useState } from "react";
import { ACTIONS, type ActionKey, GROUP_ACTIONS, type GroupRef } from "../hooks/useBulkActions";

/** The actions menu above the table: choose an action, apply it to the ticked rows. */
export function BulkActions({
  count,
  running,
  groups,
  onRun,
}: {
  count: number;
  running: boolean;
  groups: GroupRef[];
  onRun(action: ActionKey, group?: GroupRef): void;
}) {
  const [action, setAction] = useState<ActionKey | "">("");
  const [groupId, setGroupId] = useState("");
  const needsGroup = action !== "" && GROUP_ACTIONS.has(action);
  const group = groups.find((g) => g.id === groupId);
  const ready = action !== "" && count > 0 && (!needsGroup || group !== undefined);
  function submit(e: FormEvent) {
    e.preventDefault();
    if (ready) onRun(action, needsGroup ? group : undefined);
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
      {needsGroup ? (
        <>
          <label htmlFor="bulk-group" className="sr-only">
            Group
          </label>
          <select id="bulk-group" value={groupId} onChange={(e) => setGroupId(e.target.value)}>
            <option value="">{groups.length ? "Group…" : "No groups yet"}</option>
            {groups.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
          </select>
        </>
      ) : null}
      <button type="submit" className="btn" disabled={!ready || running}>
        {running ? "Working…" : "Go"}
      </button>
      <span className="muted small" aria-live="polite">
        {count === 0 ? "Tick users to act on them" : `${count} selected`}
      </span>
    </form>
  );
}
