import { useMutation } from "@apollo/client/react";
import { checkUsername, Limits, normalizeUsername } from "@gatehouse/shared";
import { type FormEvent, useState } from "react";
import { CreateServiceAccountMutation } from "../../../graphql/CreateServiceAccount";
import { useAction } from "../../../hooks/useAction";
import { Dialog } from "../../../ui/Dialog";
import { InputField } from "../../../ui/Field";
import { Alert } from "../../../ui/States";

const DESCRIPTION_MAX = 256;

/** New service account: a username and what it is for; keys are made on its page. */
export function NewServiceAccountDialog({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose(): void;
  onCreated(id: string, username: string): void;
}) {
  return (
    <Dialog open={open} title="New service account" onClose={onClose}>
      <ServiceAccountForm onClose={onClose} onCreated={onCreated} />
    </Dialog>
  );
}

function ServiceAccountForm({
  onClose,
  onCreated,
}: {
  onClose(): void;
  onCreated(id: string, username: string): void;
}) {
  const [username, setUsername] = useState("");
  const [description, setDescription] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [create] = useMutation(CreateServiceAccountMutation);
  const action = useAction();

  async function submit(e: FormEvent) {
    e.preventDefault();
    const problem = checkUsername(username);
    setError(problem);
    if (problem) {
      document.getElementById("sa-username")?.focus();
      return;
    }
    const name = normalizeUsername(username);
    let id: string | null = null;
    const ok = await action.run(async () => {
      const r = await create({ variables: { input: { username: name, description } } });
      id = r.data?.createServiceAccount.id ?? null;
    });
    if (ok && id) onCreated(id, name);
  }

  return (
    <form onSubmit={submit} noValidate>
      <p className="muted small">
        A service account has no password, email or sign-in: it exists to own API keys for a bot, a
        CI job or an app's backend.
      </p>
      {action.error ? (
        <Alert kind="error">
          <span data-testid="new-sa-error">{action.error}</span>
        </Alert>
      ) : null}
      <InputField
        id="sa-username"
        label="Username"
        error={error}
        type="text"
        autoComplete="off"
        autoCapitalize="none"
        spellCheck={false}
        maxLength={Limits.usernameMax}
        value={username}
        onChange={(e) => setUsername(e.target.value)}
      />
      <InputField
        id="sa-description"
        label={
          <>
            Description <span className="muted">(optional)</span>
          </>
        }
        type="text"
        autoComplete="off"
        maxLength={DESCRIPTION_MAX}
        value={description}
        onChange={(e) => setDescription(e.target.value)}
      />
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" className="btn btn-primary" disabled={action.busy}>
          {action.busy ? "Creating…" : "Create"}
        </button>
      </div>
    </form>
  );
}
