import "graphiql/setup-workers/vite";
import "graphiql/style.css";
import "./playground.css";
import { GraphiQL, type GraphiQLProps } from "graphiql";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { applyTheme, storedTheme } from "../lib/theme";

type Fetcher = GraphiQLProps["fetcher"];

/** Headers that carry credentials: when typed in the Headers tab, they replace the cookie. */
const CREDENTIAL_HEADERS = new Set(["authorization", "x-api-key"]);

/**
 * Same origin, and the preflight header Apollo's CSRF prevention asks for. Headers typed in
 * the Headers tab are sent too; one that carries credentials (an API key in `X-API-Key`, or
 * `Authorization: Bearer <session token>`) is sent instead of the session cookie, so the
 * request acts as that key or session rather than as you. Everything GraphiQL needs (editor,
 * workers, fonts) is bundled: nothing is fetched from the internet.
 */
const fetcher: Fetcher = async (params, opts) => {
  const typed: Record<string, string> = {};
  for (const [name, value] of Object.entries(opts?.headers ?? {})) {
    if (value !== undefined && value !== null) typed[name] = String(value);
  }
  const ownCredentials = Object.keys(typed).some((n) => CREDENTIAL_HEADERS.has(n.toLowerCase()));
  const res = await fetch("/graphql", {
    method: "POST",
    credentials: ownCredentials ? "omit" : "same-origin",
    headers: {
      ...typed,
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
# To act as an API key or another session instead, put it in the Headers tab:
#   { "X-API-Key": "gatehouse_..." }   or   { "Authorization": "Bearer <session token>" }

query {
  serverInfo {
    authMode
    magicLinkDelivery
    version
  }
}
`;

function Playground() {
  // The console's theme choice; "system" lets GraphiQL follow prefers-color-scheme itself.
  const theme = storedTheme();
  return (
    <div className="pg-shell">
      <header className="pg-bar">
        <a href="/">← Back to the console</a>
        <h1 className="pg-title">GraphQL playground</h1>
      </header>
      <main className="pg-main">
        <GraphiQL
          fetcher={fetcher}
          defaultQuery={DEFAULT_QUERY}
          shouldPersistHeaders={false}
          forcedTheme={theme === "system" ? undefined : theme}
        />
      </main>
    </div>
  );
}

applyTheme(storedTheme());

createRoot(document.getElementById("playground")!).render(
  <StrictMode>
    <Playground />
  </StrictMode>,
);
