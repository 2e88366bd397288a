import { useApolloClient } from "@apollo/client/react";
import { checkEmail, Limits, normalizeEmail } from "@gatehouse/shared";
import { type FormEvent, useState } from "react";
import { RequestEmailChangeMutation } from "../../../graphql/RequestEmailChange";
import { useAction } from "../../../hooks/useAction";
import { useSession } from "../../../lib/session";
import { InputField } from "../../../ui/Field";
import { Alert } from "../../../ui/States";

/** Change my email: it changes once I open the link sent to the new address. */
export function ChangeEmail() {
  const { info } = useSession();
  const client = useApolloClient();
  const [email, setEmail] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [sent, setSent] = useState<string | null>(null);
  const action = useAction();
  if (info.authMode === "AUTO_LOGIN") return null;
  const manual = info.magicLinkDelivery !== "EMAIL";

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSent(null);
    const rule = checkEmail(email);
    setProblem(rule);
    if (rule) return;
    const ok = await action.run(() =>
      client.mutate({ mutation: RequestEmailChangeMutation, variables: { email } }),
    );
    if (ok) {
      setSent(normalizeEmail(email));
      setEmail("");
    }
  }

  return (
    <section className="card" aria-labelledby="change-email-title">
      <h2 id="change-email-title">Change email</h2>
      {manual ? (
        <p className="muted" data-testid="change-email-manual">
          This server does not send email, so it cannot confirm a new address. Ask an administrator
          to change your email.
        </p>
      ) : (
        <form onSubmit={submit} noValidate>
          {sent ? (
            <Alert kind="success">
              <span data-testid="change-email-sent">
                We sent a link to {sent}. Your email changes when you open it.
              </span>
            </Alert>
          ) : null}
          {action.error ? <Alert kind="error">{action.error}</Alert> : null}
          <InputField
            id="change-email"
            label="New email"
            type="email"
            autoComplete="email"
            maxLength={Limits.emailMax}
            value={email}
            error={problem}
            onChange={(e) => setEmail(e.target.value)}
          />
          <button type="submit" className="btn btn-primary" disabled={action.busy}>
            {action.busy ? "Sending…" : "Send confirmation link"}
          </button>
        </form>
      )}
    </section>
  );
}
