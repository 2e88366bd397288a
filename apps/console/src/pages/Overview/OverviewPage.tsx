import { useQuery } from "@apollo/client/react";
import { ServerInfoQuery } from "../../graphql/ServerInfo";
import { ErrorBox, Loading } from "../../ui/States";

const AUTH_MODE: Record<string, string> = {
  AUTO_LOGIN: "Auto-login (every request acts as the default superuser)",
  AUTHENTICATED: "Sign-in required",
};

const DELIVERY: Record<string, string> = {
  EMAIL: "Emailed automatically",
  MANUAL: "Sent by hand (an administrator copies the link)",
};

/** What this server is configured to do: the first thing an operator wants to confirm. */
export function OverviewPage() {
  const { data, loading, error, refetch } = useQuery(ServerInfoQuery);
  if (loading && !data) return <Loading />;
  if (error && !data) return <ErrorBox error={error} onRetry={() => void refetch()} />;
  const info = data!.serverInfo;
  return (
    <section aria-labelledby="overview-title">
      <h1 id="overview-title">Server</h1>
      <div className="card">
        <dl className="facts" data-testid="server-info">
          <dt>Name</dt>
          <dd>{info.appName}</dd>
          <dt>Version</dt>
          <dd data-testid="server-version">{info.version}</dd>
          <dt>Authentication</dt>
          <dd data-testid="auth-mode" data-value={info.authMode}>
            {AUTH_MODE[info.authMode] ?? info.authMode}
          </dd>
          <dt>Magic links</dt>
          <dd data-testid="magic-link-delivery" data-value={info.magicLinkDelivery}>
            {DELIVERY[info.magicLinkDelivery] ?? info.magicLinkDelivery}
          </dd>
          <dt>Google sign-in</dt>
          <dd data-testid="google-sign-in">{info.googleSignInEnabled ? "Enabled" : "Off"}</dd>
          <dt>New accounts</dt>
          <dd data-testid="new-user-active">
            {info.newUserIsActive ? "Active at once" : "Wait for an administrator to activate them"}
          </dd>
        </dl>
      </div>
    </section>
  );
}
