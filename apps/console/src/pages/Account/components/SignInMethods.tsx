import { useMutation } from "@apollo/client/react";
import type { ReactNode } from "react";
import { StartGoogleLinkMutation, UnlinkGoogleMutation } from "../../../graphql/GoogleLink";
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

/**
 * My account → Sign-in methods: password, email link and Google side by side, with what
 * each needs. Google is linked and unlinked here; unlinking is offered only when another
 * way in remains (the server refuses it otherwise, for the same reason).
 */
export function SignInMethods() {
  const { info, me } = useSession();
  const { search } = useLocation();
  const [start] = useMutation(StartGoogleLinkMutation);
  const [unlink] = useMutation(UnlinkGoogleMutation);
  const action = useAction();
  if (!me || info.authMode === "AUTO_LOGIN") return null;

  const outcomeKey = search.get("google") ?? "";
  const outcome =
    OUTCOMES[outcomeKey] ??
    (outcomeKey ? { kind: "error" as const, text: "Linking Google did not succeed." } : null);
  const googleOn = info.googleSignInEnabled;
  const linked = me.googleLinked;
  const otherWayIn = me.hasPassword || Boolean(me.email);

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

  return (
    <section className="card" aria-labelledby="methods-title">
      <h2 id="methods-title">Sign-in methods</h2>
      {outcome ? (
        <Alert kind={outcome.kind}>
          <span data-testid="google-link-outcome">{outcome.text}</span>
        </Alert>
      ) : null}
      {action.error ? <Alert kind="error">{action.error}</Alert> : null}
      <ul className="list" aria-label="Sign-in methods">
        <Method name="Password" state={me.hasPassword ? "Set" : "Not set"}>
          {me.hasPassword ? (
            <a href="#change-password-title">Change it below</a>
          ) : (
            <a href="#change-password-title">Set one below</a>
          )}
        </Method>
        <Method
          name="Email link"
          state={me.email ? `To ${me.email}` : "No email address"}
          note={
            info.magicLinkDelivery === "EMAIL"
              ? undefined
              : "This server does not send email: an administrator hands links over and changes addresses."
          }
        >
          {info.magicLinkDelivery === "EMAIL" ? (
            <a href="#change-email-title">{me.email ? "Change email below" : "Add one below"}</a>
          ) : null}
        </Method>
        <Method
          name="Google"
          state={linked ? "Linked" : googleOn ? "Not linked" : "Not available on this server"}
          testId="google-link-status"
          note={
            linked && !otherWayIn
              ? "Google is your only way to sign in: set a password or add an email before unlinking it."
              : undefined
          }
        >
          {linked ? (
            <button
              type="button"
              className="btn btn-small"
              disabled={action.busy || !otherWayIn}
              onClick={() => void action.run(() => unlink())}
            >
              Unlink Google
            </button>
          ) : googleOn ? (
            <button
              type="button"
              className="btn btn-primary btn-small"
              disabled={action.busy}
              onClick={() => void startLink()}
              data-testid="link-google"
            >
              Link Google
            </button>
          ) : null}
        </Method>
      </ul>
    </section>
  );
}

function Method({
  name,
  state,
  note,
  testId,
  children,
}: {
  name: string;
  state: string;
  note?: string;
  testId?: string;
  children?: ReactNode;
}) {
  return (
    <li className="list-item" data-testid="sign-in-method" data-method={name}>
      <div className="grow">
        <strong>{name}</strong>
        <div className="muted small" data-testid={testId}>
          {state}
        </div>
        {note ? <div className="small">{note}</div> : null}
      </div>
      <div className="row">{children}</div>
    </li>
  );
}
