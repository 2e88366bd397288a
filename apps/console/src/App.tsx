import { useQuery } from "@apollo/client/react";
import { type ReactNode, Suspense, useEffect, useMemo, useRef } from "react";
import { AutoLoginBanner } from "./components/AutoLoginBanner";
import { Layout, type NavItem } from "./components/Layout";
import { PageErrorBoundary } from "./components/PageErrorBoundary";
import { ProfileMenu } from "./components/ProfileMenu";
import { FreshSignInProvider } from "./components/Reauth";
import { Redirect } from "./components/Redirect";
import { MeQuery } from "./graphql/Me";
import { ServerInfoQuery } from "./graphql/ServerInfo";
import { pageTitle, useDocumentTitle } from "./hooks/useDocumentTitle";
import { lazyPage } from "./lib/lazy-page";
import { matchPath, useLocation } from "./lib/router";
import { type Session, SessionContext } from "./lib/session";
import { ConfirmEmailPage } from "./pages/ConfirmEmail/ConfirmEmailPage";
import { LoginPage } from "./pages/Login/LoginPage";
import { MagicLinkPage } from "./pages/MagicLink/MagicLinkPage";
import { OverviewPage } from "./pages/Overview/OverviewPage";
import { ErrorBox, Loading } from "./ui/States";

// Signed-in pages load on demand so the sign-in screen stays small; a chunk that fails to
// load can be asked for again (lib/lazy-page.tsx, PageErrorBoundary).
const AdminPage = lazyPage(() => import("./pages/Admin/AdminPage"));
const UserDetailPage = lazyPage(() => import("./pages/UserDetail/UserDetailPage"));
const AccountPage = lazyPage(() => import("./pages/Account/AccountPage"));
const SecurityPage = lazyPage(() => import("./pages/Security/SecurityPage"));
const AuditPage = lazyPage(() => import("./pages/Audit/AuditPage"));
const GroupsPage = lazyPage(() => import("./pages/Groups/GroupsPage"));
const AppsPage = lazyPage(() => import("./pages/Apps/AppsPage"));
const OidcClientsPage = lazyPage(() => import("./pages/OidcClients/OidcClientsPage"));

function NotFound() {
  return (
    <section>
      <h1>Page not found</h1>
      <p>There is nothing at this address. Use the navigation above.</p>
    </section>
  );
}

function SuperusersOnly({ children, isSuperuser }: { children: ReactNode; isSuperuser: boolean }) {
  if (isSuperuser) return <>{children}</>;
  return (
    <section>
      <h1>Superusers only</h1>
      <p>This page is for administrators. Ask a superuser if you need something changed.</p>
    </section>
  );
}

export function App() {
  const { pathname, search } = useLocation();
  const info = useQuery(ServerInfoQuery);
  const me = useQuery(MeQuery, { fetchPolicy: "cache-and-network" });
  const hadViewer = useRef(false);
  useDocumentTitle(pageTitle(pathname), info.data?.serverInfo.appName ?? "Gatehouse");
  useViewerCheckOnNavigation(pathname, hadViewer.current, me.refetch);

  const session = useMemo<Session | null>(
    () =>
      info.data
        ? { info: info.data.serverInfo, me: me.data?.me ?? null, refresh: () => me.refetch() }
        : null,
    [info.data, me.data, me.refetch],
  );

  if (!session || (!me.data && !me.error)) {
    return (
      <div className="boot">
        {info.error ? (
          <ErrorBox error={info.error} onRetry={() => void info.refetch()} />
        ) : (
          <Loading />
        )}
      </div>
    );
  }

  const viewer = session.me;
  if (viewer) hadViewer.current = true;
  const publicPage =
    pathname === "/login" ? (
      <LoginPage />
    ) : pathname === "/auth/magic" ? (
      <MagicLinkPage />
    ) : pathname === "/auth/confirm-email" ? (
      <ConfirmEmailPage />
    ) : null;
  if (publicPage) {
    // Signed out on purpose (or never signed in): a later redirect is no "session ended".
    if (!viewer) hadViewer.current = false;
    return <SessionContext.Provider value={session}>{publicPage}</SessionContext.Provider>;
  }
  if (!viewer) {
    const params = new URLSearchParams();
    // Any query that reads `me` (not only the one that fails) can be the first to learn that
    // the session ended under us (deactivated, revoked elsewhere): say so on the sign-in page.
    if (hadViewer.current) params.set("ended", "1");
    if (pathname !== "/") params.set("next", pathname + (search.size ? `?${search}` : ""));
    const query = params.toString();
    return <Redirect to={`/login${query ? `?${query}` : ""}`} />;
  }

  const su = viewer.isSuperuser;
  const nav: NavItem[] = [
    { to: "/", label: "Server" },
    ...(su
      ? [
          { to: "/admin", label: "Users" },
          { to: "/groups", label: "Groups" },
          { to: "/apps", label: "Apps" },
          { to: "/oidc-clients", label: "OIDC clients" },
        ]
      : []),
    { to: "/account", label: "My account" },
    ...(su
      ? [
          { to: "/security", label: "Security" },
          { to: "/audit", label: "Audit log" },
        ]
      : []),
    { to: "/playground", label: "Playground", external: true },
  ];

  let page: ReactNode;
  const detail = matchPath("/admin/users/:id", pathname);
  if (pathname === "/") page = <OverviewPage />;
  else if (pathname === "/admin")
    page = (
      <SuperusersOnly isSuperuser={su}>
        <AdminPage />
      </SuperusersOnly>
    );
  else if (detail)
    page = (
      <SuperusersOnly isSuperuser={su}>
        <UserDetailPage id={detail.id!} />
      </SuperusersOnly>
    );
  else if (pathname === "/groups")
    page = (
      <SuperusersOnly isSuperuser={su}>
        <GroupsPage />
      </SuperusersOnly>
    );
  else if (pathname === "/apps")
    page = (
      <SuperusersOnly isSuperuser={su}>
        <AppsPage />
      </SuperusersOnly>
    );
  else if (pathname === "/oidc-clients")
    page = (
      <SuperusersOnly isSuperuser={su}>
        <OidcClientsPage />
      </SuperusersOnly>
    );
  else if (pathname === "/account") page = <AccountPage />;
  else if (pathname === "/security")
    page = (
      <SuperusersOnly isSuperuser={su}>
        <SecurityPage />
      </SuperusersOnly>
    );
  else if (pathname === "/audit")
    page = (
      <SuperusersOnly isSuperuser={su}>
        <AuditPage />
      </SuperusersOnly>
    );
  else page = <NotFound />;

  return (
    <SessionContext.Provider value={session}>
      <FreshSignInProvider>
        <Layout appName={session.info.appName} nav={nav} profile={<ProfileMenu />}>
          <AutoLoginBanner />
          <PageErrorBoundary key={pathname}>
            <Suspense fallback={<Loading />}>{page}</Suspense>
          </PageErrorBoundary>
        </Layout>
      </FreshSignInProvider>
    </SessionContext.Provider>
  );
}

/**
 * Asks the server who is signed in on every move to another page, not only on pages that
 * query: a deactivated or revoked session then goes to the sign-in page on its next click,
 * whatever page that is (Server, a cached page). The first render already asked.
 */
function useViewerCheckOnNavigation(pathname: string, signedIn: boolean, refetch: () => unknown) {
  const first = useRef(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on navigation only
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    if (signedIn) void Promise.resolve(refetch()).catch(() => undefined);
  }, [pathname]);
}
