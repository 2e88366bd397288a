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
import { Dialog } from "../../../ui/Dialog";
import { useFreshSignIn } from "../../../components/Reauth";
import { Alert } from "../../../ui/States";
import { CreateUserMutation } from "../../../graphql/CreateUser";
import { errorMessage } from "../../../lib/errors";

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
  const [serverError, setServerError] = useState<string | null>(null);
  const [create, { loading }] = useMutation(CreateUserMutation);
  const withFreshSignIn = useFreshSignIn();

  async function submit(e: FormEvent) {
    e.preventDefault();
    setServerError(null);
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
    try {
      const name = normalizeUsername(username);
      const input = {
        username: name,
        password,
        email: email.trim() ? normalizeEmail(email) : null,
        isActive,
        isSuperuser,
      };
      // Making a superuser may ask for the password again first.
      await withFreshSignIn(() => create({ variables: { input } }));
      onCreated(name);
    } catch (err) {
      setServerError(errorMessage(err) || String(err));
    }
  }

  const described = (key: keyof Errors, hint?: string) =>
    [errors[key] ? `nu-${key}-error` : null, hint ? `nu-${key}-hint` : null]
      .filter(Boolean)
      .join(" ") || undefined;

  return (
    <form onSubmit={submit} noValidate>
      {serverError ? (
        <Alert kind="error">
          <span data-testid="new-user-error">{serverError}</span>
        </Alert>
      ) : null}
      <div className="field">
        <label htmlFor="nu-username">Username</label>
        <input
          id="nu-username"
          type="text"
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          maxLength={Limits.usernameMax}
          value={username}
          aria-invalid={errors.username ? true : undefined}
          aria-describedby={described("username")}
          onChange={(e) => setUsername(e.target.value)}
        />
        {errors.username ? (
          <span id="nu-username-error" className="field-error">
            {errors.username}
          </span>
        ) : null}
      </div>
      <div className="field">
        <label htmlFor="nu-password">Password</label>
        <input
          id="nu-password"
          type="password"
          autoComplete="new-password"
          maxLength={Limits.passwordMax}
          value={password}
          aria-invalid={errors.password ? true : undefined}
          aria-describedby={described("password", "hint")}
          onChange={(e) => setPassword(e.target.value)}
        />
        <span id="nu-password-hint" className="hint">
          At least {Limits.passwordMin} characters ({Limits.superuserPasswordMin} for a superuser);
          common and easily guessed passwords are refused.
        </span>
        {errors.password ? (
          <span id="nu-password-error" className="field-error">
            {errors.password}
          </span>
        ) : null}
      </div>
      <div className="field">
        <label htmlFor="nu-email">
          Email <span className="muted">(optional)</span>
        </label>
        <input
          id="nu-email"
          type="email"
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          maxLength={Limits.emailMax}
          value={email}
          aria-invalid={errors.email ? true : undefined}
          aria-describedby={described("email", "hint")}
          onChange={(e) => setEmail(e.target.value)}
        />
        <span id="nu-email-hint" className="hint">
          Needed for magic-link sign-in.
        </span>
        {errors.email ? (
          <span id="nu-email-error" className="field-error">
            {errors.email}
          </span>
        ) : null}
      </div>
      <div className="check">
        <input
          id="nu-active"
          type="checkbox"
          checked={isActive}
          onChange={(e) => setActive(e.target.checked)}
        />
        <label htmlFor="nu-active">Active (can sign in)</label>
      </div>
      <div className="check">
        <input
          id="nu-superuser"
          type="checkbox"
          checked={isSuperuser}
          onChange={(e) => setSuperuser(e.target.checked)}
        />
        <label htmlFor="nu-superuser">Superuser (can administer Gatehouse)</label>
      </div>
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" className="btn btn-primary" disabled={loading}>
          {loading ? "Saving…" : "Save"}
        </button>
      </div>
    </form>
  );
}
