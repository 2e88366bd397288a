import { useMutation } from "@apollo/client/react";
import {
  checkEmail,
  checkPassword,
  checkUsername,
  Limits,
  normalizeEmail,
  normalizeUsername,
} from "@gatehouse/shared";
import { type FormEvent, useState } from "react";
import { useFreshSignIn } from "../../../components/Reauth";
import { CreateUserMutation } from "../../../graphql/CreateUser";
import { useAction } from "../../../hooks/useAction";
import { Checkbox } from "../../../ui/Checkbox";
import { Dialog } from "../../../ui/Dialog";
import { InputField } from "../../../ui/Field";
import { Alert } from "../../../ui/States";

interface Errors {
  username?: string;
  password?: string;
  email?: string;
}

/** New User: checked with the shared rules before submit, and by the server after. */
export function NewUserDialog({
  open,
  defaultActive,
  onClose,
  onCreated,
}: {
  open: boolean;
  defaultActive: boolean;
  onClose(): void;
  onCreated(username: string): void;
}) {
  return (
    <Dialog open={open} title="New User" onClose={onClose}>
      <NewUserForm defaultActive={defaultActive} onClose={onClose} onCreated={onCreated} />
    </Dialog>
  );
}

function NewUserForm({
  defaultActive,
  onClose,
  onCreated,
}: {
  defaultActive: boolean;
  onClose(): void;
  onCreated(username: string): void;
}) {
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [email, setEmail] = useState("");
  const [isActive, setActive] = useState(defaultActive);
  const [isSuperuser, setSuperuser] = useState(false);
  const [errors, setErrors] = useState<Errors>({});
  const [create] = useMutation(CreateUserMutation);
  const action = useAction();
  const withFreshSignIn = useFreshSignIn();

  async function submit(e: FormEvent) {
    e.preventDefault();
    action.setError(null);
    const next: Errors = {
      username: checkUsername(username) ?? undefined,
      password: checkPassword(password, { superuser: isSuperuser }) ?? undefined,
      email: email.trim() ? (checkEmail(email) ?? undefined) : undefined,
    };
    setErrors(next);
    if (next.username || next.password || next.email) {
      const first = next.username ? "nu-username" : next.password ? "nu-password" : "nu-email";
      document.getElementById(first)?.focus();
      return;
    }
    const name = normalizeUsername(username);
    const input = {
      username: name,
      password,
      email: email.trim() ? normalizeEmail(email) : null,
      isActive,
      isSuperuser,
    };
    // Making a superuser may ask for the password again first.
    if (await action.run(() => withFreshSignIn(() => create({ variables: { input } })))) {
      onCreated(name);
    }
  }

  return (
    <form onSubmit={submit} noValidate>
      {action.error ? (
        <Alert kind="error">
          <span data-testid="new-user-error">{action.error}</span>
        </Alert>
      ) : null}
      <InputField
        id="nu-username"
        label="Username"
        error={errors.username}
        type="text"
        autoComplete="off"
        autoCapitalize="none"
        spellCheck={false}
        maxLength={Limits.usernameMax}
        value={username}
        onChange={(e) => setUsername(e.target.value)}
      />
      <InputField
        id="nu-password"
        label="Password"
        error={errors.password}
        hint={
          <>
            At least {Limits.passwordMin} characters ({Limits.superuserPasswordMin} for a
            superuser); common and easily guessed passwords are refused.
          </>
        }
        type="password"
        autoComplete="new-password"
        maxLength={Limits.passwordMax}
        value={password}
        onChange={(e) => setPassword(e.target.value)}
      />
      <InputField
        id="nu-email"
        label={
          <>
            Email <span className="muted">(optional)</span>
          </>
        }
        error={errors.email}
        hint="Needed for magic-link sign-in."
        type="email"
        autoComplete="off"
        autoCapitalize="none"
        spellCheck={false}
        maxLength={Limits.emailMax}
        value={email}
        onChange={(e) => setEmail(e.target.value)}
      />
      <Checkbox
        id="nu-active"
        label="Active (can sign in)"
        checked={isActive}
        onChange={setActive}
      />
      <Checkbox
        id="nu-superuser"
        label="Superuser (can administer Gatehouse)"
        checked={isSuperuser}
        onChange={setSuperuser}
      />
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
