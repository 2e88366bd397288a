import { useApolloClient, useMutation, useQuery } from "@apollo/client/react";
import { ErrorCode } from "@gatehouse/shared";
import { useState } from "react";
import { CreateVariableMutation } from "../../../graphql/CreateVariable";
import { DeleteVariableMutation } from "../../../graphql/DeleteVariable";
import { SetVariableMutation } from "../../../graphql/SetVariable";
import { VariablesQuery } from "../../../graphql/Variables";
import { VariableValuesQuery } from "../../../graphql/VariableValues";
import { useAction } from "../../../hooks/useAction";
import { apiError } from "../../../lib/errors";
import { formatDate } from "../../../lib/format";
import { ConfirmDialog } from "../../../ui/Dialog";
import { Alert, Empty, ErrorBox, Loading } from "../../../ui/States";
import { VariableForm } from "./VariableForm";

/**
 * Encrypted variables. The list holds names only; a value is fetched (uncached) when its
 * owner presses Reveal and forgotten again on Hide.
 */
export function Variables() {
  const client = useApolloClient();
  const list = useQuery(VariablesQuery);
  const [revealed, setRevealed] = useState<Record<string, string>>({});
  const [editing, setEditing] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState<string | null>(null);
  const [formKey, setFormKey] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  const [setVariable] = useMutation(SetVariableMutation);
  const [createVariable] = useMutation(CreateVariableMutation);
  const [deleteVariable] = useMutation(DeleteVariableMutation);
  const saving = useAction();
  // "Add" of a name that exists: said, with a way to the Edit form of that variable.
  const [exists, setExists] = useState<string | null>(null);
  // Reveal and delete report their failures in the same place.
  const acting = useAction();

  function reveal(name: string) {
    return acting.run(async () => {
      const { data } = await client.query({ query: VariableValuesQuery, fetchPolicy: "no-cache" });
      const found = data?.variables.find((v) => v.name === name);
      if (!found) throw new Error(`${name} no longer exists.`);
      setRevealed((r) => ({ ...r, [name]: found.value }));
    });
  }

  const hide = (name: string) => setRevealed(({ [name]: _gone, ...rest }) => rest);

  async function save(name: string, value: string, isEdit: boolean) {
    setNotice(null);
    setExists(null);
    const ok = await saving.run(async () => {
      try {
        await (isEdit ? setVariable : createVariable)({ variables: { name, value } });
      } catch (err) {
        if (!isEdit && apiError(err)?.code === ErrorCode.VARIABLE_EXISTS) setExists(name);
        throw err;
      }
    });
    if (!ok) return;
    hide(name);
    setEditing(null);
    if (!isEdit) setFormKey((k) => k + 1);
    setNotice(isEdit ? `${name} was updated.` : `${name} was added.`);
    await list.refetch();
  }

  async function remove(name: string) {
    setNotice(null);
    await acting.run(async () => {
      await deleteVariable({ variables: { name } });
      hide(name);
      setNotice(`${name} was deleted.`);
      await list.refetch();
    });
    setConfirmDelete(null);
  }

  const vars = list.data?.variables ?? [];
  return (
    <section className="card" aria-labelledby="vars-title">
      <h2 id="vars-title">Variables</h2>
      <p className="muted small">
        Values are encrypted at rest and hidden here until you reveal them.
      </p>
      {notice ? <Alert kind="success">{notice}</Alert> : null}
      {acting.error ? <Alert kind="error">{acting.error}</Alert> : null}
      {list.error && !list.data ? (
        <ErrorBox error={list.error} onRetry={() => void list.refetch()} />
      ) : !list.data ? (
        <Loading label="Loading variables…" />
      ) : vars.length === 0 ? (
        <Empty>No variables yet.</Empty>
      ) : (
        <ul className="list" aria-label="Variables">
          {vars.map((v) => {
            const shown = revealed[v.name];
            return (
              <li
                key={v.id}
                className="list-item var-item"
                data-testid="variable-row"
                data-name={v.name}
              >
                <div className="grow">
                  <code className="strong">{v.name}</code>
                  <div className="var-value" data-testid="variable-value">
                    {!v.readable ? (
                      <span className="var-unreadable small" data-testid="variable-unreadable">
                        Encrypted with key <code>{v.keyFingerprint}</code>, which this server does
                        not have — add it to GATEHOUSE_SECRET_KEY_FALLBACKS
                      </span>
                    ) : shown !== undefined ? (
                      <code>{shown}</code>
                    ) : (
                      <span>
                        <span aria-hidden="true">••••••••</span>
                        <span className="sr-only">hidden</span>
                      </span>
                    )}
                  </div>
                  <div className="muted small">Updated {formatDate(v.updatedAt)}</div>
                  {editing === v.name ? (
                    <VariableForm
                      editing
                      initialName={v.name}
                      initialValue={shown ?? ""}
                      busy={saving.busy}
                      serverError={saving.error}
                      onSave={(n, val) => void save(n, val, true)}
                      onCancel={() => setEditing(null)}
                    />
                  ) : null}
                </div>
                <div className="row">
                  {/* Nothing to reveal without the key; Edit replaces it, Delete removes it. */}
                  {v.readable ? (
                    <button
                      type="button"
                      className="btn btn-small"
                      aria-label={`${shown !== undefined ? "Hide" : "Reveal"} ${v.name}`}
                      onClick={() => (shown !== undefined ? hide(v.name) : void reveal(v.name))}
                    >
                      {shown !== undefined ? "Hide" : "Reveal"}
                    </button>
                  ) : null}
                  <button
                    type="button"
                    className="btn btn-small"
                    aria-label={`Edit ${v.name}`}
                    onClick={() => setEditing(v.name)}
                  >
                    Edit
                  </button>
                  <button
                    type="button"
                    className="btn btn-small btn-danger"
                    aria-label={`Delete ${v.name}`}
                    onClick={() => setConfirmDelete(v.name)}
                  >
                    Delete
                  </button>
                </div>
              </li>
            );
          })}
        </ul>
      )}
      <h3>Add a variable</h3>
      <VariableForm
        key={formKey}
        editing={false}
        busy={saving.busy}
        serverError={
          editing ? null : exists ? (
            <span data-testid="variable-exists">
              You already have a variable named <code>{exists}</code>; adding it again would replace
              its value.{" "}
              <button
                type="button"
                className="btn-link"
                onClick={() => {
                  const name = exists;
                  setExists(null);
                  saving.setError(null);
                  setEditing(name);
                }}
              >
                Edit {exists}
              </button>{" "}
              to change it.
            </span>
          ) : (
            saving.error
          )
        }
        onSave={(n, val) => void save(n, val, false)}
      />
      <ConfirmDialog
        open={confirmDelete !== null}
        title="Delete variable?"
        confirmLabel="Delete"
        busyLabel="Deleting…"
        busy={acting.busy}
        danger
        onConfirm={() => confirmDelete && void remove(confirmDelete)}
        onCancel={() => setConfirmDelete(null)}
      >
        <p>
          Delete <code>{confirmDelete}</code>? Apps that read it will no longer find it. This cannot
          be undone.
        </p>
      </ConfirmDialog>
    </section>
  );
}
