import { useApolloClient } from "@apollo/client/react";
import { checkPassword, Limits } from "@gatehouse/shared";
import { type FormEvent, useState } from "react";
import { SetNewPasswordMutation } from "../graphql/SetNewPassword";
import { useAction } from "../hooks/useAction";
import { Checkbox } from "../ui/Checkbox";
import { InputField } from "../ui/Field";
import { Alert } from "../ui/States";

/**
 * A new password without the old one: right after signing in by a link (a reset link, or one
 * an admin handed over), while the sign-in is fresh.
 */
export function SetNewPasswordForm({ superuser, onDone }: { superuser: boolean; onDone(): void }) {
  const client = useApolloClient();
  const [password, setPassword] = useState("");
  const [again, setAgain] = useState("");
  const [signOut, setSignOut] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const action = useAction();

  async function submit(e: FormEvent) {
    e.preventDefault();
    const rule = checkPassword(password, { superuser });
    setProblem(rule ?? (password !== again ? "The two passwords differ." : null));
    if (rule || password !== again) return;
    const ok = await action.run(() =>
      client.mutate({
        mutation: SetNewPasswordMutation,
        variables: { newPassword: password, signOutOtherSessions: signOut },
      }),
    );
    if (ok) onDone();
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby="new-password-title">
      <h2 id="new-password-title">Set a new password</h2>
      {action.error ? <Alert kind="error">{action.error}</Alert> : null}
      <InputField
        id="new-password"
        label="New password"
        type="password"
        autoComplete="new-password"
        maxLength={Limits.passwordMax}
        value={password}
        error={problem}
        onChange={(e) => setPassword(e.target.value)}
      />
      <InputField
        id="new-password-again"
        label="New password (again)"
        type="password"
        autoComplete="new-password"
        maxLength={Limits.passwordMax}
        value={again}
        onChange={(e) => setAgain(e.target.value)}
      />
      <Checkbox
        id="new-password-sign-out"
        label="Sign out my other sessions"
        checked={signOut}
        onChange={setSignOut}
      />
      <button type="submit" className="btn btn-primary btn-block" disabled={action.busy}>
        {action.busy ? "Saving…" : "Save new password"}
      </button>
    </form>
  );
}
