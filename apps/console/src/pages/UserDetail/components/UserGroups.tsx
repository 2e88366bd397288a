import { useMutation, useQuery } from "@apollo/client/react";
import { type FormEvent, useState } from "react";
import { AddGroupMembersMutation } from "../../../graphql/AddGroupMembers";
import { GroupsQuery } from "../../../graphql/Groups";
import { RemoveGroupMembersMutation } from "../../../graphql/RemoveGroupMembers";
import { useAction } from "../../../hooks/useAction";
import { Link } from "../../../lib/router";
import { Alert, Empty } from "../../../ui/States";

/** The user's groups on their page: leave one, join another. */
export function UserGroups({
  userId,
  groups,
  onChanged,
}: {
  userId: string;
  groups: { id: string; name: string }[];
  onChanged(): void;
}) {
  const all = useQuery(GroupsQuery, { fetchPolicy: "cache-and-network" });
  const [add] = useMutation(AddGroupMembersMutation);
  const [remove] = useMutation(RemoveGroupMembersMutation);
  const [choice, setChoice] = useState("");
  const action = useAction();
  const mine = new Set(groups.map((g) => g.id));
  const others = (all.data?.groups ?? []).filter((g) => !mine.has(g.id));

  async function join(e: FormEvent) {
    e.preventDefault();
    if (!choice) return;
    if (await action.run(() => add({ variables: { groupId: choice, userIds: [userId] } }))) {
      setChoice("");
      onChanged();
    }
  }

  return (
    <div data-testid="user-groups">
      {action.error ? <Alert kind="error">{action.error}</Alert> : null}
      {groups.length === 0 ? (
        <Empty>Not in any group.</Empty>
      ) : (
        <ul className="plain-list">
          {groups.map((g) => (
            <li key={g.id} className="row spread" data-testid="user-group" data-name={g.name}>
              <span>{g.name}</span>
              <button
                type="button"
                className="btn btn-small"
                disabled={action.busy}
                aria-label={`Remove from ${g.name}`}
                onClick={() =>
                  void action
                    .run(() => remove({ variables: { groupId: g.id, userIds: [userId] } }))
                    .then((ok) => ok && onChanged())
                }
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      {others.length > 0 ? (
        <form className="row" onSubmit={join} aria-label="Add to a group">
          <label htmlFor="join-group" className="sr-only">
            Group
          </label>
          <select id="join-group" value={choice} onChange={(e) => setChoice(e.target.value)}>
            <option value="">Add to group…</option>
            {others.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
          </select>
          <button type="submit" className="btn" disabled={!choice || action.busy}>
            Add
          </button>
        </form>
      ) : all.data && all.data.groups.length === 0 ? (
        <p className="muted small">
          No groups exist yet; create them on the <Link to="/groups">Groups</Link> page.
        </p>
      ) : null}
    </div>
  );
}
