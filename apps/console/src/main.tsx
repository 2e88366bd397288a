import { ApolloProvider } from "@apollo/client/react";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { createClient } from "./lib/apollo";
import { navigate } from "./lib/router";
import { applyTheme, storedTheme } from "./lib/theme";
import "./styles/base.css";
import "./styles/controls.css";
import "./styles/components.css";
import "./styles/theme.css";

// Before the first render, so a chosen theme never flashes the other one.
applyTheme(storedTheme());

import "./styles/lists.css";

const PUBLIC_PATHS = ["/login", "/auth/magic"];
let ending = false;

const client = createClient(() => {
  // Several queries may fail at once; handle the end of a session a single time.
  if (ending || PUBLIC_PATHS.includes(window.location.pathname)) return;
  ending = true;
  navigate("/login?ended=1", { replace: true });
  void client
    .resetStore()
    .catch(() => undefined)
    .finally(() => {
      ending = false;
    });
});

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <ApolloProvider client={client}>
      <App />
    </ApolloProvider>
  </StrictMode>,
);
