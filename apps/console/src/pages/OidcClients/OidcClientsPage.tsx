import { useQuery } from "@apollo/client/react";
import { useState } from "react";
import type { OidcClientFieldsFragment } from "../../gql/graphql";
import { AppsQuery } from "../../graphql/Apps";
import { OidcClientsQuery } from "../../graphql/OidcClients";
import { OidcProviderQuery } from "../../graphql/OidcProvider";
import { spellDuration } from "../../lib/format";
import { ConfirmDialog } from "../../ui/Dialog";
import { Alert, Empty, ErrorBox, Loading } from "../../ui/States";
import { ClientDialog } from "./components/ClientDialog";
import { ClientTable } from "./components/ClientTable";
import { ConnectBox, type ShownSecret } from "./components/ConnectBox";
import { useClientActions } from "./hooks/useClientActions";

/** /oidc-clients: apps that sign their users in with Gatehouse over OpenID Connect. */
export default function OidcClientsPage() {
  const { data, error, refetch } = useQuery(OidcClientsQuery, {
    fetchPolicy: "cache-and-network",
  });
  const apps = useQuery(AppsQuery);
  const provider = useQuery(OidcProviderQuery);
  // null: closed; "new": creating; a client: editing it.
  const [editing, setEditing] = useState<OidcClientFieldsFragment | "new" | null>(null);
  const [shown, setShown] = useState<ShownSecret | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const actions = useClientActions({
    onShown: (s) => {
      setNotice(null);
      setShown(s);
      void refetch();
    },
    onDeleted: async (c) => {
      if (shown?.client.id === c.id) setShown(null);
      setNotice(`Deleted "${c.name}". Its tokens no longer work.`);
      await refetch();
    },
  });

  const appList = apps.data?.apps.map((a) => ({ id: a.id, name: a.name })) ?? [];
  const appName = (id: string | null | undefined) =>
    id ? (appList.find((a) => a.id === id)?.name ?? id) : null;
  const info = provider.data?.oidcProvider;
  const overlap = info ? spellDuration(info.secretOverlapSeconds) : "the overlap period";

  if (error && !data) return <ErrorBox error={error} onRetry={() => void refetch()} />;
  if (!data) return <Loading label="Loading clients…" />;
  const clients = data.oidcClients;
  const { rotating, deleting } = actions;
  return (
    <section aria-labelledby="oidc-title">
      <div className="spread row">
        <h1 id="oidc-title">OIDC clients</h1>
        <button
          type="button"
          className="btn btn-primary"
          onClick={() => {
            setNotice(null);
            setEditing("new");
          }}
        >
          New client
        </button>
      </div>
      <p className="muted">
        Apps with their own login (Grafana, Open WebUI, Gitea, ...) sign their users in with
        Gatehouse over OpenID Connect. Register each one here, then paste the issuer, client ID and
        secret into its settings.
      </p>
      {notice ? <Alert kind="success">{notice}</Alert> : null}
      {shown ? (
        <ConnectBox
          shown={shown}
          issuer={info?.issuer ?? null}
          discoveryUrl={info?.discoveryUrl ?? null}
          onDone={() => setShown(null)}
        />
      ) : null}
      {clients.length === 0 ? (
        <Empty>No clients yet. Create one for each app that should sign in with Gatehouse.</Empty>
      ) : (
        <ClientTable
          clients={clients}
          appName={appName}
          onEdit={(c) => {
            setNotice(null);
            setEditing(c);
          }}
          onRotate={actions.askRotate}
          onDelete={actions.askDelete}
        />
      )}
      <ClientDialog
        client={editing === "new" ? null : editing}
        open={editing !== null}
        apps={appList}
        onClose={() => setEditing(null)}
        onSaved={(result) => {
          setEditing(null);
          if (result.secret || result.reason === "created") setShown(result);
          else setNotice(`Saved "${result.client.name}".`);
          void refetch();
        }}
      />
      <ConfirmDialog
        open={rotating !== null}
        title="Rotate the client secret?"
        confirmLabel="Rotate secret"
        busyLabel="Rotating…"
        busy={actions.rotation.busy}
        onConfirm={() => void actions.confirmRotate()}
        onCancel={actions.cancel}
      >
        {actions.rotation.error ? <Alert kind="error">{actions.rotation.error}</Alert> : null}
        <p>
          A new secret for <strong>{rotating?.name}</strong> is made and shown once. The old secret
          keeps working for {overlap} (<code>GATEHOUSE_OIDC_SECRET_OVERLAP</code>), so you can put
          the new one into the app without downtime.
        </p>
      </ConfirmDialog>
      <ConfirmDialog
        open={deleting !== null}
        title="Delete OIDC client"
        confirmLabel="Delete"
        busyLabel="Deleting…"
        busy={actions.deletion.busy}
        danger
        onConfirm={() => void actions.confirmDelete()}
        onCancel={actions.cancel}
      >
        {actions.deletion.error ? <Alert kind="error">{actions.deletion.error}</Alert> : null}
        <p>
          Delete <strong>{deleting?.name}</strong>? The app can no longer sign anyone in, and the
          tokens it holds stop working at once.
        </p>
      </ConfirmDialog>
    </section>
  );
}
