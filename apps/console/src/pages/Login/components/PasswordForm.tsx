import { useApolloClient, useMutation } from "@apollo/client/react";
import { Limits } from "@gatehouse/shared";
import { type FormEvent, useState } from "react";
import { SignInMutation } from "../../../graphql/SignIn";
import { useAction } from "../../../hooks/useAction";
import { apiError } from "../../../lib/errors";
import { InputField } from "../../../ui/Field";
import { Alert } from "../../../ui/States";
import { signInProblem } from "../messages";

const describe = (err: unknown) => {
  const api = apiError(err);
  return api ? signInProblem(api) : String(err);
};

/** Username (or email) and password. The session arrives as an HttpOnly cookie. */
export function PasswordForm({
  next,
  onSignedIn,
}: {
  /** The sign-in page's `next`, for the server to check (it answers with `returnTo`). */
  next: string | null;
  onSignedIn: (returnTo: string | null) => Promise<void> | void;
}) {
  const client = useApolloClient();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [signIn] = useMutation(SignInMutation);
  const action = useAction(describe);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!username.trim() || !password) {
      action.setError("Enter your username and password.");
      return;
    }
    let returnTo: string | null = null;
    const ok = await action.run(async () => {
      const r = await signIn({ variables: { username: username.trim(), password, next } });
      returnTo = r.data?.signIn.returnTo ?? null;
    });
    if (!ok) {
      setPassword("");
      return;
    }
    // Nothing from a previous person may linger in the cache.
    await client.clearStore();
    await onSignedIn(returnTo);
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby="password-title">
      <h2 id="password-title" className="sr-only">
        Sign in with a password
      </h2>
      {action.error ? (
        <Alert kind="error">
          <span data-testid="signin-error">{action.error}</span>
        </Alert>
      ) : null}
      <InputField
        id="login-username"
        label="Username or email"
        type="text"
        name="username"
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
        maxLength={Limits.emailMax}
        value={username}
        onChange={(e) => setUsername(e.target.value)}
      />
      <InputField
        id="login-password"
        label="Password"
        type="password"
        name="password"
        autoComplete="current-password"
        maxLength={Limits.passwordMax}
        value={password}
        onChange={(e) => setPassword(e.target.value)}
      />
      <button type="submit" className="btn btn-primary btn-block" disabled={action.busy}>
        {action.busy ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
