import { useApolloClient, useQuery } from "@apollo/client/react";
import { checkPassword, Limits } from "@gatehouse/shared";
import { type FormEvent, useState } from "react";
import { SetNewPasswordForm } from "../../../components/SetNewPasswordForm";
import { ChangePasswordMutation } from "../../../graphql/ChangePassword";
import { MyPasswordQuery } from "../../../graphql/MyPassword";
import { useAction } from "../../../hooks/useAction";
import { useSession } from "../../../lib/session";
import { Checkbox } from "../../../ui/Checkbox";
import { InputField } from "../../../ui/Field";
import { Alert } from "../../../ui/States";

/** Change my password (the current one is asked), or set one when I have none. */
export function ChangePassword() {
  const { me, info } = useSession();
  const query = useQuery(MyPasswordQuery);
  const [done, setDone] = useState<string | null>(null);
  if (!me || info.authMode === "AUTO_LOGIN" || !query.data?.me) return null;
  return (
    <section className="card" aria-labelledby="change-password-title">
      <h2 id="change-password-title">Password</h2>
      {done ? (
        <Alert kind="success">
          <span data-testid="password-changed">{done}</span>
        </Alert>
      ) : null}
      {query.data.me.hasPassword ? (
        <ChangeForm superuser={me.isSuperuser} onDone={setDone} />
      ) : (
        <>
          <p className="muted small">
            You sign in by link or Google and have no password. Right after signing in by a link you
            can set one here.
          </p>
          <SetNewPasswordForm
            superuser={me.isSuperuser}
            onDone={() => {
              setDone("Password set.");
              void query.refetch();
            }}
          />
        </>
      )}
    </section>
  );
}

function ChangeForm({ superuser, onDone }: { superuser: boolean; onDone(text: string): void }) {
  const client = useApolloClient();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [signOut, setSignOut] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const action = useAction();

  async function submit(e: FormEvent) {
    e.preventDefault();
    const rule = checkPassword(next, { superuser });
    setProblem(rule);
    if (rule) return;
    if (!current) {
      action.setError("Enter your current password.");
      return;
    }
    const ok = await action.run(() =>
      client.mutate({
        mutation: ChangePasswordMutation,
        variables: { currentPassword: current, newPassword: next, signOutOtherSessions: signOut },
      }),
    );
    setCurrent("");
    if (!ok) return;
    setNext("");
    onDone(
      signOut ? "Password changed; your other sessions were signed out." : "Password changed.",
    );
  }

  return (
    <form onSubmit={submit} noValidate>
      {action.error ? (
        <Alert kind="error">
          <span data-testid="change-password-error">{action.error}</span>
        </Alert>
      ) : null}
      <InputField
        id="current-password"
        label="Current password"
        type="password"
        autoComplete="current-password"
        maxLength={Limits.passwordMax}
        value={current}
        onChange={(e) => setCurrent(e.target.value)}
      />
      <InputField
        id="changed-password"
        label="New password"
        type="password"
        autoComplete="new-password"
        maxLength={Limits.passwordMax}
        value={next}
        error={problem}
        onChange={(e) => setNext(e.target.value)}
      />
      <Checkbox
        id="change-password-sign-out"
        label="Sign out my other sessions"
        checked={signOut}
        onChange={setSignOut}
      />
      <button type="submit" className="btn btn-primary" disabled={action.busy}>
        {action.busy ? "Changing…" : "Change password"}
      </button>
    </form>
  );
}
