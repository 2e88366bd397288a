import { useMutation, useQuery } from "@apollo/client/react";
import { Limits } from "@gatehouse/shared";
import { useState } from "react";
import { AddGroupMembersMutation } from "../../../graphql/AddGroupMembers";
import { UserSearchQuery } from "../../../graphql/UserSearch";
import { useAction } from "../../../hooks/useAction";
import { useDebounced } from "../../../hooks/useDebounced";
import { InputField } from "../../../ui/Field";
import { Alert } from "../../../ui/States";

/** Find users by username or email and add them to the group one click each. */
export function AddMembers({ groupId, onAdded }: { groupId: string; onAdded(): void }) {
  const [search, setSearch] = useState("");
  const term = useDebounced(search.trim().slice(0, Limits.searchMax), 250);
  const found = useQuery(UserSearchQuery, { variables: { search: term }, skip: term === "" });
  const [add] = useMutation(AddGroupMembersMutation);
  const action = useAction();
  const users = term === "" ? [] : (found.data?.users.edges.map((e) => e.node) ?? []);

  return (
    <div className="add-members">
      {action.error ? <Alert kind="error">{action.error}</Alert> : null}
      <InputField
        id="add-member-search"
        label="Add members"
        type="search"
        placeholder="Find users by username or email"
        autoComplete="off"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
      />
      {users.length > 0 ? (
        <ul className="plain-list" aria-label="Matching users">
          {users.map((u) => (
            <li
              key={u.id}
              className="row spread"
              data-testid="candidate"
              data-username={u.username}
            >
              <span>
                {u.username} <span className="muted small">{u.email ?? ""}</span>
              </span>
              <button
                type="button"
                className="btn btn-small"
                disabled={action.busy}
                aria-label={`Add ${u.username}`}
                onClick={() =>
                  void action
                    .run(() => add({ variables: { groupId, userIds: [u.id] } }))
                    .then((ok) => ok && onAdded())
                }
              >
                Add
              </button>
            </li>
          ))}
        </ul>
      ) : term !== "" && found.data ? (
        <p className="muted small">No users match.</p>
      ) : null}
    </div>
  );
}
