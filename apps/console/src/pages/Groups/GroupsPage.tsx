import { useMutation, useQuery } from "@apollo/client/react";
import { useState } from "react";
import type { GroupFieldsFragment } from "../../gql/graphql";
import { DeleteGroupMutation } from "../../graphql/DeleteGroup";
import { GroupsQuery } from "../../graphql/Groups";
import { useAction } from "../../hooks/useAction";
import { ConfirmDialog } from "../../ui/Dialog";
import { Alert, Empty, ErrorBox, Loading } from "../../ui/States";
import { TableScroll } from "../../ui/TableScroll";
import { GroupDialog } from "./components/GroupDialog";
import { GroupMembers } from "./components/GroupMembers";

type Editing = { group: GroupFieldsFragment | null } | null;

/** /groups: named sets of users that apps can admit; create, edit, delete, manage members. */
export default function GroupsPage() {
  const groups = useQuery(GroupsQuery, { fetchPolicy: "cache-and-network" });
  const [editing, setEditing] = useState<Editing>(null);
  const [deleting, setDeleting] = useState<GroupFieldsFragment | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [remove] = useMutation(DeleteGroupMutation);
  const deletion = useAction();

  const list = groups.data?.groups ?? [];
  const open = list.find((g) => g.id === openId) ?? null;
  const refetch = () => void groups.refetch();

  async function confirmDelete() {
    if (!deleting) return;
    const name = deleting.name;
    if (await deletion.run(() => remove({ variables: { id: deleting.id } }))) {
      setDeleting(null);
      if (openId === deleting.id) setOpenId(null);
      setNotice(`Group ${name} was deleted.`);
      refetch();
    }
  }

  return (
    <section aria-labelledby="groups-title">
      <div className="page-head">
        <h1 id="groups-title">Groups</h1>
        <button
          type="button"
          className="btn btn-primary"
          onClick={() => {
            setNotice(null);
            setEditing({ group: null });
          }}
        >
          New group
        </button>
      </div>
      {notice ? (
        <Alert kind="success">
          {notice}{" "}
          <button type="button" className="btn-link" onClick={() => setNotice(null)}>
            Dismiss
          </button>
        </Alert>
      ) : null}
      <div className="card">
        {groups.error && !groups.data ? (
          <ErrorBox error={groups.error} onRetry={refetch} />
        ) : !groups.data ? (
          <Loading label="Loading groups…" />
        ) : list.length === 0 ? (
          <Empty>No groups yet. Create one with New group.</Empty>
        ) : (
          <TableScroll label="Groups table">
            <table className="table" aria-label="Groups">
              <thead>
                <tr>
                  <th scope="col">Group</th>
                  <th scope="col">Members</th>
                  <th scope="col">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.map((g) => (
                  <tr key={g.id} data-testid="group-row" data-name={g.name}>
                    <td>
                      <span className="strong">{g.name}</span>
                      <div className="muted small">{g.description || "—"}</div>
                    </td>
                    <td data-testid="member-count">{g.memberCount}</td>
                    <td>
                      <div className="row">
                        <button
                          type="button"
                          className="btn btn-small"
                          aria-pressed={openId === g.id}
                          onClick={() => {
                            setNotice(null);
                            setOpenId(openId === g.id ? null : g.id);
                          }}
                        >
                          Members
                        </button>
                        <button
                          type="button"
                          className="btn btn-small"
                          onClick={() => {
                            setNotice(null);
                            setEditing({ group: g });
                          }}
                        >
                          Edit
                        </button>
                        <button
                          type="button"
                          className="btn btn-small btn-danger"
                          onClick={() => {
                            setNotice(null);
                            deletion.setError(null);
                            setDeleting(g);
                          }}
                        >
                          Delete
                        </button>
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </div>
      {open ? <GroupMembers key={open.id} group={open} onChanged={refetch} /> : null}

      <GroupDialog
        open={editing !== null}
        group={editing?.group ?? null}
        onClose={() => setEditing(null)}
        onSaved={(name) => {
          setNotice(editing?.group ? `Group ${name} was saved.` : `Group ${name} was created.`);
          setEditing(null);
          refetch();
        }}
      />
      <ConfirmDialog
        open={deleting !== null}
        title={`Delete group ${deleting?.name ?? ""}?`}
        confirmLabel="Delete group"
        busyLabel="Deleting…"
        busy={deletion.busy}
        danger
        onConfirm={() => void confirmDelete()}
        onCancel={() => setDeleting(null)}
      >
        {deletion.error ? <Alert kind="error">{deletion.error}</Alert> : null}
        <p>
          Its {deleting?.memberCount ?? 0} member(s) leave the group (their accounts stay). Apps
          that admit this group stop admitting them.
        </p>
      </ConfirmDialog>
    </section>
  );
}
