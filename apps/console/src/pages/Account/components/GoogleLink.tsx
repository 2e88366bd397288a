import { useMutation, useQuery } from "@apollo/client/react";
import {
  MyGoogleLinkQuery,
  StartGoogleLinkMutation,
  UnlinkGoogleMutation,
} from "../../../graphql/GoogleLink";
import { useAction } from "../../../hooks/useAction";
import { useLocation } from "../../../lib/router";
import { useSession } from "../../../lib/session";
import { Alert } from "../../../ui/States";

/** How a link flow ended, from the callback's `/account?google=<outcome>`. */
const OUTCOMES: Record<string, { kind: "success" | "error"; text: string }> = {
  linked: { kind: "success", text: "Google is linked: you can now sign in with Google." },
  subject_taken: {
    kind: "error",
    text: "That Google account is already linked to a different account here.",
  },
  other_google_linked: {
    kind: "error",
    text: "Your account is already linked to a different Google account; unlink it first.",
  },
  session_changed: {
    kind: "error",
    text: "You were signed out (or signed in as someone else) while linking. Try again.",
  },
};

/** My account → Link Google: the signed-in owner adds Google as a way to sign in. */
export function GoogleLink() {
  const { info } = useSession();
  const { search } = useLocation();
  const shown = info.googleSignInEnabled && info.authMode !== "AUTO_LOGIN";
  const query = useQuery(MyGoogleLinkQuery, { skip: !shown });
  const [start] = useMutation(StartGoogleLinkMutation);
  const [unlink] = useMutation(UnlinkGoogleMutation);
  const action = useAction();
  if (!shown) return null;

  const outcomeKey = search.get("google") ?? "";
  const outcome =
    OUTCOMES[outcomeKey] ??
    (outcomeKey ? { kind: "error" as const, text: "Linking Google did not succeed." } : null);
  const isLinked = query.data?.me?.googleLinked ?? false;

  // Busy until the browser has left for Google.
  const startLink = () =>
    action.run(
      async () => {
        const r = await start();
        const url = r.data?.startGoogleLink.url;
        if (url) window.location.assign(url);
      },
      { keepBusy: true },
    );
  const removeLink = () => action.run(() => unlink());

  return (
    <section className="card" aria-labelledby="google-title">
      <div className="row spread">
        <h2 id="google-title">Google</h2>
        {isLinked ? (
          <button
            type="button"
            className="btn btn-small"
            disabled={action.busy}
            onClick={() => void removeLink()}
          >
            Unlink Google
          </button>
        ) : (
          <button
            type="button"
            className="btn btn-primary btn-small"
            disabled={action.busy || query.loading}
            onClick={() => void startLink()}
            data-testid="link-google"
          >
            Link Google
          </button>
        )}
      </div>
      <p className="muted small" data-testid="google-link-status">
        {isLinked
          ? "A Google account is linked: you can sign in with Google."
          : "Link a Google account to sign in with it. You will choose the account at Google."}
      </p>
      {outcome ? (
        <Alert kind={outcome.kind}>
          <span data-testid="google-link-outcome">{outcome.text}</span>
        </Alert>
      ) : null}
      {action.error ? <Alert kind="error">{action.error}</Alert> : null}
    </section>
  );
}
