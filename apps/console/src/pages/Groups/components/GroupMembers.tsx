import { useMutation, useQuery } from "@apollo/client/react";
import type { GroupFieldsFragment } from "../../../gql/graphql";
import { GroupMembersQuery } from "../../../graphql/GroupMembers";
import { RemoveGroupMembersMutation } from "../../../graphql/RemoveGroupMembers";
import { useAction } from "../../../hooks/useAction";
import { Link } from "../../../lib/router";
import { Alert, Empty, ErrorBox, Loading } from "../../../ui/States";
import { AddMembers } from "./AddMembers";

const SHOWN = 100;

/** One group's members: remove them, add more by username. */
export function GroupMembers({
  group,
  onChanged,
}: {
  group: GroupFieldsFragment;
  onChanged(): void;
}) {
  const members = useQuery(GroupMembersQuery, {
    variables: { groupId: group.id, first: SHOWN },
    fetchPolicy: "cache-and-network",
  });
  const [remove] = useMutation(RemoveGroupMembersMutation);
  const action = useAction();
  const changed = () => {
    void members.refetch();
    onChanged();
  };
  const conn = members.data?.users;

  return (
    <section className="card" aria-labelledby="members-title" data-testid="group-members">
      <h2 id="members-title">Members of {group.name}</h2>
      {action.error ? <Alert kind="error">{action.error}</Alert> : null}
      <AddMembers groupId={group.id} onAdded={changed} />
      {members.error && !members.data ? (
        <ErrorBox error={members.error} onRetry={() => void members.refetch()} />
      ) : !conn ? (
        <Loading label="Loading members…" />
      ) : conn.edges.length === 0 ? (
        <Empty>No members yet.</Empty>
      ) : (
        <>
          <ul className="plain-list">
            {conn.edges.map(({ node: u }) => (
              <li key={u.id} className="row spread" data-testid="member" data-username={u.username}>
                <span>
                  <Link to={`/admin/users/${encodeURIComponent(u.id)}`}>{u.username}</Link>{" "}
                  <span className="muted small">{u.email ?? ""}</span>
                </span>
                <button
                  type="button"
                  className="btn btn-small"
                  disabled={action.busy}
                  aria-label={`Remove ${u.username} from ${group.name}`}
                  onClick={() =>
                    void action
                      .run(() => remove({ variables: { groupId: group.id, userIds: [u.id] } }))
                      .then((ok) => ok && changed())
                  }
                >
                  Remove
                </button>
              </li>
            ))}
          </ul>
          {conn.totalCount > conn.edges.length ? (
            <p className="muted small">
              Showing {conn.edges.length} of {conn.totalCount}; filter the{" "}
              <Link to="/admin">users list</Link> by this group to see them all.
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}
