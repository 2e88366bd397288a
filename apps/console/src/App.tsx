import { useQuery } from "@apollo/client/react";
import { Layout, type NavItem } from "./components/Layout";
import { ErrorBox, Loading } from "./components/States";
import { ServerInfoQuery } from "./graphql/ServerInfo";
import { useLocation } from "./lib/router";
import { OverviewPage } from "./pages/Overview/OverviewPage";

function NotFound() {
  return (
    <section>
      <h1>Page not found</h1>
      <p>There is nothing at this address. Use the navigation above.</p>
    </section>
  );
}

export function App() {
  const { pathname } = useLocation();
  const { data, error, refetch } = useQuery(ServerInfoQuery);
  if (!data) {
    return (
      <div className="boot">
        {error ? <ErrorBox error={error} onRetry={() => void refetch()} /> : <Loading />}
      </div>
    );
  }
  const nav: NavItem[] = [
    { to: "/", label: "Server" },
    { to: "/playground", label: "Playground", external: true },
  ];
  const page = pathname === "/" ? <OverviewPage /> : <NotFound />;
  return (
    <Layout appName={data.serverInfo.appName} nav={nav}>
      {page}
    </Layout>
  );
}
