import { useApolloClient } from "@apollo/client/react";
import { useState } from "react";
import { ConfirmEmailChangeMutation } from "../../graphql/ConfirmEmailChange";
import { useAction } from "../../hooks/useAction";
import { Link, useLocation } from "../../lib/router";
import { useSession } from "../../lib/session";
import { Alert } from "../../ui/States";

/**
 * /auth/confirm-email?token=…: the link mailed to a new address. Like sign-in links, opening
 * it only shows a button; the change is a click (a POST), so mail scanners cannot make it.
 */
export function ConfirmEmailPage() {
  const { info, me, refresh } = useSession();
  const client = useApolloClient();
  const { search } = useLocation();
  const token = search.get("token") ?? "";
  const [done, setDone] = useState(false);
  const action = useAction();

  async function confirm() {
    if (
      await action.run(() =>
        client.mutate({ mutation: ConfirmEmailChangeMutation, variables: { token } }),
      )
    ) {
      setDone(true);
      if (me) await refresh();
    }
  }

  return (
    <div className="center-page">
      <main className="auth-card card" aria-labelledby="confirm-email-title">
        <h1 id="confirm-email-title">Confirm your new email for {info.appName}</h1>
        {done ? (
          <Alert kind="success">
            <span data-testid="email-confirmed">Your email is changed and verified.</span>
          </Alert>
        ) : (
          <>
            {action.error ? <Alert kind="error">{action.error}</Alert> : null}
            <button
              type="button"
              className="btn btn-primary btn-block"
              disabled={action.busy || !token}
              onClick={confirm}
            >
              {action.busy ? "Confirming…" : "Confirm this email"}
            </button>
          </>
        )}
        <p className="small">
          <Link to={me ? "/account" : "/login"}>{me ? "My account" : "Sign in"}</Link>
        </p>
      </main>
    </div>
  );
}
