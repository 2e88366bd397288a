import { useApolloClient, useMutation, useQuery } from "@apollo/client/react";
import { useState } from "react";
import { SessionList } from "../../components/SessionList";
import { authMethodLabel, signInMethods, UserBadges } from "../../components/UserBadges";
import { AuditLogQuery } from "../../graphql/AuditLog";
import { RevokeSessionMutation } from "../../graphql/RevokeSession";
import { UserQuery } from "../../graphql/User";
import { UserSessionsQuery } from "../../graphql/UserSessions";
import { errorMessage } from "../../lib/errors";
import { formatDate } from "../../lib/format";
import { Link } from "../../lib/router";
import { Alert, ErrorBox, Loading } from "../../ui/States";
import { LatestLink } from "./components/LatestLink";
import { UserActions } from "./components/UserActions";
import { UserApiKeys } from "./components/UserApiKeys";
import { UserAudit } from "./components/UserAudit";
import { UserGroups } from "./components/UserGroups";
import { UserLifecycle } from "./components/UserLifecycle";

/** /admin/users/:id: one user's profile, sign-in methods, sessions and actions. */
export default function UserDetailPage({ id }: { id: string }) {
  const client = useApolloClient();
  const user = useQuery(UserQuery, { variables: { id } });
  const sessions = useQuery(UserSessionsQuery, { variables: { userId: id } });
  const [revoke] = useMutation(RevokeSessionMutation);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const back = (
    <p>
      <Link to="/admin">← All users</Link>
    </p>
  );
  if (user.error && !user.data)
    return (
      <>
        {back}
        <ErrorBox error={user.error} onRetry={() => void user.refetch()} />
      </>
    );
  if (!user.data) return <Loading label="Loading user…" />;
  const u = user.data.user;
  if (!u)
    return (
      <section>
        {back}
        <h1>User not found</h1>
        <p>No user has this id. They may have been removed.</p>
      </section>
    );

  return (
    <section aria-labelledby="user-title">
      {back}
      <div className="page-head">
        <h1 id="user-title">
          {u.username} <UserBadges user={u} />
        </h1>
      </div>
      <div className="card">
        <dl className="facts">
          <dt>Display name</dt>
          <dd data-testid="user-display-name">{u.displayName ?? "—"}</dd>
          <dt>Email</dt>
          <dd>
            {u.email ?? "—"}
            {u.email ? (u.emailVerified ? " (verified)" : " (not verified)") : ""}
          </dd>
          <dt>Status</dt>
          <dd data-testid="user-status">{u.isActive ? "Active" : "Inactive"}</dd>
          <dt>Role</dt>
          <dd>{u.isSuperuser ? "Superuser" : "User"}</dd>
          <dt>Sign-in methods</dt>
          <dd data-testid="user-methods">
            {signInMethods(u).join(", ") || "None"}
            {u.authMethods.length ? (
              <span className="muted small">
                {" "}
                (used so far: {u.authMethods.map(authMethodLabel).join(", ")})
              </span>
            ) : null}
          </dd>
          <dt>Password</dt>
          <dd>
            {u.isServiceAccount
              ? "None (a service account never signs in)"
              : u.hasPassword
                ? "Set"
                : "None (signs in by link or Google)"}
          </dd>
          {u.isServiceAccount && u.description ? (
            <>
              <dt>Description</dt>
              <dd>{u.description}</dd>
            </>
          ) : null}
          <dt>Created</dt>
          <dd>{formatDate(u.createdAt)}</dd>
          <dt>Last sign-in</dt>
          <dd>{formatDate(u.lastLoginAt)}</dd>
          <dt>Id</dt>
          <dd>
            <code>{u.id}</code>
          </dd>
        </dl>
      </div>
      <div className="card">
        <h2>Actions</h2>
        <UserActions
          user={u}
          onChanged={() => {
            void user.refetch();
            void sessions.refetch();
            // The action was audited: show it in "Recent events" too.
            void client.refetchQueries({ include: [AuditLogQuery] });
          }}
        />
        <UserLifecycle
          user={u}
          onChanged={() => {
            void user.refetch();
            void client.refetchQueries({ include: [AuditLogQuery] });
          }}
        />
      </div>
      <section className="card" aria-labelledby="user-groups-title">
        <h2 id="user-groups-title">Groups</h2>
        <UserGroups
          userId={u.id}
          groups={u.groups}
          onChanged={() => {
            void user.refetch();
            void client.refetchQueries({ include: [AuditLogQuery] });
          }}
        />
      </section>
      <section className="card" aria-labelledby="user-sessions-title">
        <h2 id="user-sessions-title">Sessions</h2>
        {problem ? <Alert kind="error">{problem}</Alert> : null}
        {sessions.error && !sessions.data ? (
          <ErrorBox error={sessions.error} onRetry={() => void sessions.refetch()} />
        ) : !sessions.data ? (
          <Loading label="Loading sessions…" />
        ) : (
          <SessionList
            sessions={sessions.data.sessions}
            busyId={busyId}
            onRevoke={async (s) => {
              setBusyId(s.id);
              setProblem(null);
              try {
                await revoke({ variables: { id: s.id } });
                await sessions.refetch();
              } catch (err) {
                setProblem(errorMessage(err) || String(err));
              } finally {
                setBusyId(null);
              }
            }}
          />
        )}
      </section>
      <UserApiKeys userId={u.id} isServiceAccount={u.isServiceAccount} />
      <section className="card" aria-labelledby="user-link-title">
        <h2 id="user-link-title">Latest sign-in link</h2>
        <LatestLink link={u.latestMagicLink ?? null} />
      </section>
      <section className="card" aria-labelledby="user-audit-title">
        <h2 id="user-audit-title">Recent events</h2>
        <UserAudit userId={u.id} />
      </section>
    </section>
  );
}
