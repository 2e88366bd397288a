import { useMutation } from "@apollo/client/react";
import { type FormEvent, useState } from "react";
import type { AppAccess, AppFieldsFragment } from "../../../gql/graphql";
import { CreateAppMutation, UpdateAppMutation } from "../../../graphql/SaveApp";
import { useAction } from "../../../hooks/useAction";
import { apiError } from "../../../lib/errors";
import { Dialog } from "../../../ui/Dialog";
import { Field, InputField } from "../../../ui/Field";
import { Alert } from "../../../ui/States";
import { ACCESS_LABELS } from "./AppTable";

const RULES: AppAccess[] = ["ALL_USERS", "SUPERUSERS", "GROUPS"];

/** Lines (or commas, for groups) to a list without blanks. */
const split = (text: string, commas: boolean) =>
  text
    .split(commas ? /[\n,]/ : /\n/)
    .map((s) => s.trim())
    .filter((s) => s !== "");

/** New app / edit app. The server normalises and checks everything; its errors show by field. */
export function AppDialog({
  app,
  open,
  onClose,
  onSaved,
}: {
  /** null for a new app. */
  app: AppFieldsFragment | null;
  open: boolean;
  onClose(): void;
  onSaved(name: string, created: boolean): void;
}) {
  return (
    <Dialog open={open} title={app ? `Edit ${app.name}` : "New app"} onClose={onClose}>
      <AppForm key={app?.id ?? "new"} app={app} onClose={onClose} onSaved={onSaved} />
    </Dialog>
  );
}

function AppForm({
  app,
  onClose,
  onSaved,
}: {
  app: AppFieldsFragment | null;
  onClose(): void;
  onSaved(name: string, created: boolean): void;
}) {
  const [name, setName] = useState(app?.name ?? "");
  const [hosts, setHosts] = useState(app?.hosts.join("\n") ?? "");
  const [access, setAccess] = useState<AppAccess>(app?.access ?? "ALL_USERS");
  const [groups, setGroups] = useState(app?.groupNames.join(", ") ?? "");
  const [field, setField] = useState<string | null>(null);
  const [create] = useMutation(CreateAppMutation);
  const [update] = useMutation(UpdateAppMutation);
  const action = useAction();

  async function submit(e: FormEvent) {
    e.preventDefault();
    setField(null);
    const input = {
      name: name.trim(),
      hosts: split(hosts, false),
      access,
      groupNames: access === "GROUPS" ? split(groups, true) : [],
    };
    const ok = await action.run(async () => {
      try {
        if (app) await update({ variables: { id: app.id, input } });
        else await create({ variables: { input } });
      } catch (err) {
        const f = apiError(err)?.extensions.field;
        setField(typeof f === "string" ? f : null);
        throw err;
      }
    });
    if (ok) onSaved(input.name, !app);
  }

  const errorFor = (f: string) => (field === f ? action.error : null);
  return (
    <form onSubmit={submit} noValidate>
      {action.error && !field ? <Alert kind="error">{action.error}</Alert> : null}
      <InputField
        id="app-name"
        label="Name"
        error={errorFor("name")}
        type="text"
        autoComplete="off"
        maxLength={64}
        value={name}
        onChange={(e) => setName(e.target.value)}
      />
      <Field
        id="app-hosts"
        label="Hosts"
        error={errorFor("hosts")}
        hint={
          <>
            One per line: <code>app.example.com</code>, or <code>*.example.com</code> for any one
            subdomain (not <code>example.com</code> itself); add <code>:port</code> to match only
            that port.
          </>
        }
      >
        {(control) => (
          <textarea
            {...control}
            spellCheck={false}
            autoCapitalize="none"
            value={hosts}
            onChange={(e) => setHosts(e.target.value)}
          />
        )}
      </Field>
      <fieldset className="field">
        <legend>Who may use it</legend>
        {RULES.map((rule) => (
          <div className="check" key={rule}>
            <input
              id={`app-access-${rule}`}
              type="radio"
              name="app-access"
              value={rule}
              checked={access === rule}
              onChange={() => setAccess(rule)}
            />
            <label htmlFor={`app-access-${rule}`}>{ACCESS_LABELS[rule]}</label>
          </div>
        ))}
      </fieldset>
      {access === "GROUPS" ? (
        <Field
          id="app-groups"
          label="Groups"
          error={errorFor("groupNames")}
          hint="Existing group names, separated by commas or lines."
        >
          {(control) => (
            <textarea {...control} value={groups} onChange={(e) => setGroups(e.target.value)} />
          )}
        </Field>
      ) : null}
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" className="btn btn-primary" disabled={action.busy}>
          {action.busy ? "Saving…" : "Save"}
        </button>
      </div>
    </form>
  );
}
