import { useMutation, useQuery } from "@apollo/client/react";
import { useState } from "react";
import type { AppFieldsFragment } from "../../gql/graphql";
import { AppsQuery } from "../../graphql/Apps";
import { DeleteAppMutation } from "../../graphql/SaveApp";
import { useAction } from "../../hooks/useAction";
import { ConfirmDialog } from "../../ui/Dialog";
import { Alert, Empty, ErrorBox, Loading } from "../../ui/States";
import { AppDialog } from "./components/AppDialog";
import { AppTable } from "./components/AppTable";

/** /apps: the apps behind forward auth, their hosts and who may use them. */
export default function AppsPage() {
  const { data, error, refetch } = useQuery(AppsQuery, { fetchPolicy: "cache-and-network" });
  // null: closed; "new": creating; an app: editing it.
  const [editing, setEditing] = useState<AppFieldsFragment | "new" | null>(null);
  const [deleting, setDeleting] = useState<AppFieldsFragment | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [remove] = useMutation(DeleteAppMutation);
  const deletion = useAction();

  async function confirmDelete() {
    const app = deleting;
    if (!app) return;
    if (await deletion.run(() => remove({ variables: { id: app.id } }))) {
      setDeleting(null);
      setNotice(`Deleted "${app.name}".`);
      await refetch();
    }
  }

  if (error && !data) return <ErrorBox error={error} onRetry={() => void refetch()} />;
  if (!data) return <Loading label="Loading apps…" />;
  return (
    <section aria-labelledby="apps-title">
      <div className="spread">
        <h1 id="apps-title">Apps</h1>
        <button
          type="button"
          className="btn btn-primary"
          onClick={() => {
            setNotice(null);
            setEditing("new");
          }}
        >
          New app
        </button>
      </div>
      <p className="muted">
        Forward auth (<code>/auth/verify</code>) applies the rule of the app whose host matches the
        request. Apps declared in <code>GATEHOUSE_APPS</code> are read-only here.
      </p>
      {notice ? <Alert kind="success">{notice}</Alert> : null}
      {data.apps.length === 0 ? (
        <Empty>
          No apps yet. Until one exists, every active signed-in user passes forward auth (unless
          GATEHOUSE_FORWARD_AUTH_DEFAULT says otherwise).
        </Empty>
      ) : (
        <AppTable
          apps={data.apps}
          onEdit={(app) => {
            setNotice(null);
            setEditing(app);
          }}
          onDelete={(app) => {
            setNotice(null);
            deletion.setError(null);
            setDeleting(app);
          }}
        />
      )}
      <AppDialog
        app={editing === "new" ? null : editing}
        open={editing !== null}
        onClose={() => setEditing(null)}
        onSaved={async (name, created) => {
          setEditing(null);
          setNotice(created ? `Created "${name}".` : `Saved "${name}".`);
          await refetch();
        }}
      />
      <ConfirmDialog
        open={deleting !== null}
        title="Delete app"
        confirmLabel="Delete"
        busyLabel="Deleting…"
        busy={deletion.busy}
        danger
        onConfirm={() => void confirmDelete()}
        onCancel={() => setDeleting(null)}
      >
        {deletion.error ? <Alert kind="error">{deletion.error}</Alert> : null}
        <p>
          Delete <strong>{deleting?.name}</strong>? Its hosts then count as unregistered, which
          forward auth denies by default.
        </p>
      </ConfirmDialog>
    </section>
  );
}
