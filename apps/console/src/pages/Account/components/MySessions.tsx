import { useApolloClient, useMutation, useQuery } from "@apollo/client/react";
import { useState } from "react";
import { SessionList } from "../../../components/SessionList";
import type { SessionFieldsFragment } from "../../../gql/graphql";
import { MySessionsQuery } from "../../../graphql/MySessions";
import { RevokeSessionMutation } from "../../../graphql/RevokeSession";
import { SignOutMutation } from "../../../graphql/SignOut";
import { useAction } from "../../../hooks/useAction";
import { navigate } from "../../../lib/router";
import { useSession } from "../../../lib/session";
import { ConfirmDialog } from "../../../ui/Dialog";
import { Alert, ErrorBox, Loading } from "../../../ui/States";

/** My own sessions: this device marked, revoke others, sign out everywhere. */
export function MySessions() {
  const { info, refresh } = useSession();
  const client = useApolloClient();
  const query = useQuery(MySessionsQuery);
  const [revoke] = useMutation(RevokeSessionMutation);
  const [signOut] = useMutation(SignOutMutation);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [confirmEverywhere, setConfirmEverywhere] = useState(false);
  const action = useAction();
  // Busy with no row of its own: signing out everywhere.
  const everywhere = action.busy && busyId === null;
  const autoLogin = info.authMode === "AUTO_LOGIN";

  async function endHere() {
    await signOut().catch(() => undefined);
    // Leave first: the login page tolerates the stale user until the reset below lands.
    navigate("/login?signedOut=1", { replace: true });
    await client.clearStore();
    await refresh();
  }

  async function revokeOne(s: SessionFieldsFragment) {
    setBusyId(s.id);
    await action.run(async () => {
      if (s.current) return await endHere();
      await revoke({ variables: { id: s.id } });
      await query.refetch();
    });
    setBusyId(null);
  }

  async function signOutEverywhere() {
    await action.run(async () => {
      const others = (query.data?.mySessions ?? []).filter((s) => !s.current);
      for (const s of others) await revoke({ variables: { id: s.id } });
      if (autoLogin) await query.refetch();
      else await endHere();
    });
  }

  const sessions = query.data?.mySessions ?? [];
  return (
    <section className="card" aria-labelledby="sessions-title">
      <div className="row spread">
        <h2 id="sessions-title">Sessions</h2>
        <button
          type="button"
          className="btn btn-danger btn-small"
          disabled={everywhere || sessions.length === 0}
          onClick={() => setConfirmEverywhere(true)}
        >
          {everywhere
            ? "Signing out…"
            : autoLogin
              ? "Revoke all other sessions"
              : "Sign out everywhere"}
        </button>
      </div>
      {autoLogin ? (
        <p className="muted small">
          Auto-login mode: this browser needs no session; sessions below belong to API clients or
          earlier sign-ins.
        </p>
      ) : null}
      {action.error ? <Alert kind="error">{action.error}</Alert> : null}
      {query.error && !query.data ? (
        <ErrorBox error={query.error} onRetry={() => void query.refetch()} />
      ) : !query.data ? (
        <Loading label="Loading sessions…" />
      ) : (
        <SessionList sessions={sessions} busyId={busyId} onRevoke={(s) => void revokeOne(s)} />
      )}
      <ConfirmDialog
        open={confirmEverywhere}
        title={autoLogin ? "Revoke all other sessions?" : "Sign out everywhere?"}
        confirmLabel={autoLogin ? "Revoke all other sessions" : "Sign out everywhere"}
        danger
        onConfirm={() => {
          setConfirmEverywhere(false);
          void signOutEverywhere();
        }}
        onCancel={() => setConfirmEverywhere(false)}
      >
        <p>
          {autoLogin
            ? "Every other session of yours ends now: browsers and API clients using them have to sign in again."
            : "Every session of yours ends now, this browser included: you and anyone using your other sessions have to sign in again."}
        </p>
      </ConfirmDialog>
    </section>
  );
}
