import { useApolloClient } from "@apollo/client/react";
import {
  checkDisplayName,
  checkEmail,
  checkUsername,
  Limits,
  normalizeUsername,
} from "@gatehouse/shared";
import { type FormEvent, useState } from "react";
import { useFreshSignIn } from "../../../components/Reauth";
import type { UserFieldsFragment } from "../../../gql/graphql";
import { DeleteUserMutation } from "../../../graphql/DeleteUser";
import { RemovePasswordMutation } from "../../../graphql/RemovePassword";
import { UpdateUserMutation } from "../../../graphql/UpdateUser";
import { useAction } from "../../../hooks/useAction";
import { navigate } from "../../../lib/router";
import { ConfirmDialog, Dialog } from "../../../ui/Dialog";
import { InputField } from "../../../ui/Field";
import { Alert } from "../../../ui/States";

type Lifecycle = UserFieldsFragment & { hasPassword: boolean };

/** Edit, Remove password and Delete user… for one user (the lifecycle verbs of issue 16). */
export function UserLifecycle({ user, onChanged }: { user: Lifecycle; onChanged(): void }) {
  const [open, setOpen] = useState<"edit" | "password" | "delete" | null>(null);
  const close = () => setOpen(null);
  const done = () => {
    close();
    onChanged();
  };
  return (
    <div className="row" data-testid="user-lifecycle">
      <button type="button" className="btn" onClick={() => setOpen("edit")}>
        Edit
      </button>
      {user.hasPassword ? (
        <button type="button" className="btn" onClick={() => setOpen("password")}>
          Remove password
        </button>
      ) : null}
      <button type="button" className="btn btn-danger" onClick={() => setOpen("delete")}>
        Delete user…
      </button>
      <Dialog open={open === "edit"} title={`Edit ${user.username}`} onClose={close}>
        <EditForm user={user} onDone={done} onCancel={close} />
      </Dialog>
      <RemovePasswordDialog open={open === "password"} user={user} onDone={done} onCancel={close} />
      <Dialog open={open === "delete"} title={`Delete ${user.username}`} onClose={close}>
        <DeleteForm user={user} onCancel={close} />
      </Dialog>
    </div>
  );
}

function EditForm({
  user,
  onDone,
  onCancel,
}: {
  user: Lifecycle;
  onDone(): void;
  onCancel(): void;
}) {
  const client = useApolloClient();
  const [username, setUsername] = useState(user.username);
  const [email, setEmail] = useState(user.email ?? "");
  const [displayName, setDisplayName] = useState(user.displayName ?? "");
  const [errors, setErrors] = useState<{
    username?: string;
    email?: string;
    displayName?: string;
  }>({});
  const action = useAction();

  async function submit(e: FormEvent) {
    e.preventDefault();
    const next = {
      username: checkUsername(username) ?? undefined,
      email: email.trim() ? (checkEmail(email) ?? undefined) : undefined,
      displayName: checkDisplayName(displayName) ?? undefined,
    };
    setErrors(next);
    if (next.username || next.email || next.displayName) return;
    const ok = await action.run(() =>
      client.mutate({
        mutation: UpdateUserMutation,
        variables: {
          userId: user.id,
          input: { username: normalizeUsername(username), email, displayName },
        },
      }),
    );
    if (ok) onDone();
  }

  const emailChanged = email.trim().toLowerCase() !== (user.email ?? "");
  return (
    <form onSubmit={submit} noValidate>
      {action.error ? <Alert kind="error">{action.error}</Alert> : null}
      <InputField
        id="edit-username"
        label="Username"
        maxLength={Limits.usernameMax}
        value={username}
        error={errors.username}
        onChange={(e) => setUsername(e.target.value)}
      />
      <InputField
        id="edit-display-name"
        label="Display name"
        autoComplete="off"
        maxLength={Limits.displayNameMax}
        value={displayName}
        error={errors.displayName}
        hint="Shown to apps instead of the username. Leave empty to use the username."
        onChange={(e) => setDisplayName(e.target.value)}
      />
      <InputField
        id="edit-email"
        label="Email"
        type="email"
        maxLength={Limits.emailMax}
        value={email}
        error={errors.email}
        hint={
          emailChanged
            ? "A new email starts unverified; links sent to the old one stop working."
            : "Leave empty to remove it."
        }
        onChange={(e) => setEmail(e.target.value)}
      />
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="btn btn-primary" disabled={action.busy}>
          {action.busy ? "Saving…" : "Save"}
        </button>
      </div>
    </form>
  );
}

function RemovePasswordDialog({
  open,
  user,
  onDone,
  onCancel,
}: {
  open: boolean;
  user: Lifecycle;
  onDone(): void;
  onCancel(): void;
}) {
  const client = useApolloClient();
  const withFreshSignIn = useFreshSignIn();
  const action = useAction();
  const otherWay = Boolean(user.email);
  async function confirm() {
    const ok = await action.run(() =>
      withFreshSignIn(() =>
        client.mutate({ mutation: RemovePasswordMutation, variables: { userId: user.id } }),
      ),
    );
    if (ok) onDone();
  }
  return (
    <ConfirmDialog
      open={open}
      title={`Remove ${user.username}'s password`}
      confirmLabel="Remove password"
      busyLabel="Removing…"
      busy={action.busy}
      danger
      onConfirm={confirm}
      onCancel={onCancel}
    >
      {action.error ? <Alert kind="error">{action.error}</Alert> : null}
      <p>
        {otherWay
          ? `${user.username} will sign in by link (to ${user.email}) or Google from now on.`
          : `${user.username} has no email: without a password they could not sign in. Add an email first (Edit).`}
      </p>
    </ConfirmDialog>
  );
}

function DeleteForm({ user, onCancel }: { user: Lifecycle; onCancel(): void }) {
  const client = useApolloClient();
  const withFreshSignIn = useFreshSignIn();
  const [typed, setTyped] = useState("");
  const action = useAction();
  async function submit(e: FormEvent) {
    e.preventDefault();
    const ok = await action.run(
      () =>
        withFreshSignIn(() =>
          client.mutate({
            mutation: DeleteUserMutation,
            variables: { userId: user.id, confirmUsername: typed },
          }),
        ),
      { keepBusy: true },
    );
    if (!ok) return;
    // The user is gone: nothing cached about them may be shown again.
    await client.clearStore();
    navigate("/admin", { replace: true });
  }
  return (
    <form onSubmit={submit} noValidate>
      {action.error ? <Alert kind="error">{action.error}</Alert> : null}
      <p>
        This deletes <strong>{user.username}</strong> with their sessions, sign-in links, variables
        and group memberships. It cannot be undone; the audit log keeps their name.
      </p>
      <InputField
        id="delete-confirm"
        label={`Type ${user.username} to confirm`}
        autoComplete="off"
        spellCheck={false}
        value={typed}
        onChange={(e) => setTyped(e.target.value)}
      />
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={onCancel}>
          Cancel
        </button>
        <button
          type="submit"
          className="btn btn-danger"
          disabled={action.busy || typed !== user.username}
        >
          {action.busy ? "Deleting…" : "Delete user"}
        </button>
      </div>
    </form>
  );
}
