import "graphiql/setup-workers/vite";
import "graphiql/style.css";
import "./playground.css";
import { GraphiQL, type GraphiQLProps } from "graphiql";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";

type Fetcher = GraphiQLProps["fetcher"];

/**
 * Same origin, the session cookie, and the preflight header Apollo's CSRF prevention asks
 * for. Everything GraphiQL needs (editor, workers, fonts) is bundled: nothing is fetched
 * from the internet, unlike Apollo's landing page.
 */
const fetcher: Fetcher = async (params) => {
  const res = await fetch("/graphql", {
    method: "POST",
    credentials: "same-origin",
    headers: {
      "content-type": "application/json",
      accept: "application/graphql-response+json, application/json",
      "apollo-require-preflight": "true",
    },
    body: JSON.stringify(params),
  });
  return res.json();
};

const DEFAULT_QUERY = `# Gatehouse GraphQL playground.
# Requests use your console session (the HttpOnly cookie), so you act as yourself.

query {
  serverInfo {
    authMode
    magicLinkDelivery
    version
  }
}
`;

function Playground() {
  return (
    <div className="pg-shell">
      <header className="pg-bar">
        <a href="/">← Back to the console</a>
        <span>GraphQL playground</span>
      </header>
      <div className="pg-main">
        <GraphiQL fetcher={fetcher} defaultQuery={DEFAULT_QUERY} shouldPersistHeaders={false} />
      </div>
    </div>
  );
}

createRoot(document.getElementById("playground")!).render(
  <StrictMode>
    <Playground />
  </StrictMode>,
);
