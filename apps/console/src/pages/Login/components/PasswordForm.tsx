import { useApolloClient, useMutation } from "@apollo/client/react";
import { Limits } from "@gatehouse/shared";
import { type FormEvent, useState } from "react";
import { Alert } from "../../../ui/States";
import { SignInMutation } from "../../../graphql/SignIn";
import { apiError } from "../../../lib/errors";
import { signInProblem } from "../messages";

/** Username (or email) and password. The session arrives as an HttpOnly cookie. */
export function PasswordForm({ onSignedIn }: { onSignedIn: () => Promise<void> }) {
  const client = useApolloClient();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [signIn, { loading }] = useMutation(SignInMutation);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setProblem(null);
    if (!username.trim() || !password) {
      setProblem("Enter your username and password.");
      return;
    }
    try {
      await signIn({ variables: { username: username.trim(), password } });
    } catch (err) {
      const api = apiError(err);
      setProblem(api ? signInProblem(api) : String(err));
      setPassword("");
      return;
    }
    // Nothing from a previous person may linger in the cache.
    await client.clearStore();
    await onSignedIn();
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby="password-title">
      <h2 id="password-title" className="sr-only">
        Sign in with a password
      </h2>
      {problem ? (
        <Alert kind="error">
          <span data-testid="signin-error">{problem}</span>
        </Alert>
      ) : null}
      <div className="field">
        <label htmlFor="login-username">Username or email</label>
        <input
          id="login-username"
          type="text"
          name="username"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          maxLength={Limits.emailMax}
          value={username}
          onChange={(e) => setUsername(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor="login-password">Password</label>
        <input
          id="login-password"
          type="password"
          name="password"
          autoComplete="current-password"
          maxLength={Limits.passwordMax}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </div>
      <button type="submit" className="btn btn-primary btn-block" disabled={loading}>
        {loading ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
