import { useApolloClient } from "@apollo/client/react";
import { Limits } from "@gatehouse/shared";
import { type FormEvent, useState } from "react";
import { RequestPasswordResetMutation } from "../../../graphql/RequestPasswordReset";
import { useAction } from "../../../hooks/useAction";
import { InputField } from "../../../ui/Field";
import { Alert } from "../../../ui/States";

/**
 * "Forgot password?": a link that opens a small form. The answer is the same whether or not
 * the account exists; without a mail provider it says who can help instead.
 */
export function ForgotPassword({ delivery }: { delivery: string }) {
  const client = useApolloClient();
  const [open, setOpen] = useState(false);
  const [login, setLogin] = useState("");
  const [sent, setSent] = useState(false);
  const action = useAction();

  if (!open)
    return (
      <p className="small">
        <button type="button" className="btn-link" onClick={() => setOpen(true)}>
          Forgot password?
        </button>
      </p>
    );
  if (delivery !== "EMAIL")
    return (
      <Alert kind="info">
        <span data-testid="forgot-manual">
          This server does not send email. Ask an administrator for a sign-in link; once signed in,
          you can set a new password.
        </span>
      </Alert>
    );

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!login.trim()) {
      action.setError("Enter your username or email.");
      return;
    }
    if (
      await action.run(() =>
        client.mutate({ mutation: RequestPasswordResetMutation, variables: { login } }),
      )
    )
      setSent(true);
  }

  if (sent)
    return (
      <Alert kind="success">
        <span data-testid="forgot-sent">
          If an account with an email matches, a link to choose a new password is on its way.
        </span>
      </Alert>
    );
  return (
    <form onSubmit={submit} noValidate aria-labelledby="forgot-title">
      <h2 id="forgot-title">Reset your password</h2>
      {action.error ? <Alert kind="error">{action.error}</Alert> : null}
      <InputField
        id="forgot-login"
        label="Username or email"
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
        maxLength={Limits.emailMax}
        value={login}
        onChange={(e) => setLogin(e.target.value)}
      />
      <button type="submit" className="btn btn-block" disabled={action.busy}>
        {action.busy ? "Sending…" : "Email me a reset link"}
      </button>
    </form>
  );
}
