import { useApolloClient, useMutation } from "@apollo/client/react";
import { ErrorCode } from "@gatehouse/shared";
import { useState } from "react";
import { Redirect } from "../../components/Redirect";
import { SetNewPasswordForm } from "../../components/SetNewPasswordForm";
import { MagicLinkPreviewQuery } from "../../graphql/MagicLinkPreview";
import { RedeemLinkMutation } from "../../graphql/RedeemLink";
import { apiError } from "../../lib/errors";
import { goAfterSignIn } from "../../lib/return-to";
import { Link, navigate, useLocation } from "../../lib/router";
import { useSession } from "../../lib/session";
import { Alert, Loading } from "../../ui/States";
import { signInProblem } from "../Login/messages";
import { LinkPreview } from "./components/LinkPreview";

/**
 * /auth/magic?token=…: opening the link only shows who is signing in. Redeeming is a
 * click (a POST), so mail scanners that follow links cannot use them up.
 */
export function MagicLinkPage() {
  const { info, me, refresh } = useSession();
  const client = useApolloClient();
  const { search } = useLocation();
  const token = search.get("token") ?? "";
  const [problem, setProblem] = useState<string | null>(null);
  const [redeem, { loading }] = useMutation(RedeemLinkMutation);
  // After a reset link ("Forgot password?", `gatehouse reset-password`) the page asks for a
  // new password instead of going on to the console. Kept in the address, not in state: the
  // app shows its loading screen (unmounting this page) while the cache resets.
  const resetting = search.has("reset");

  if (resetting) {
    // Between the redeem and the refreshed `me` this shows for a moment; opened on its own
    // (no session) it points to the sign-in page.
    if (!me)
      return (
        <div className="center-page">
          <main className="auth-card card">
            <Loading label="Signing in…" />
            <p className="small">
              <Link to="/login">Sign in</Link> to set a new password.
            </p>
          </main>
        </div>
      );
    return (
      <div className="center-page">
        <main className="auth-card card" aria-labelledby="new-password-title">
          <p className="muted small">
            Signed in as <strong>{me.username}</strong>.
          </p>
          <SetNewPasswordForm
            superuser={me.isSuperuser}
            onDone={() => navigate("/account", { replace: true })}
          />
          <p className="small">
            <button
              type="button"
              className="btn-link"
              onClick={() => navigate("/", { replace: true })}
            >
              Skip for now
            </button>
          </p>
        </main>
      </div>
    );
  }

  if (!token) return <Redirect to="/login?linkInvalid=1" />;

  async function signIn() {
    setProblem(null);
    let returnTo: string | null = null;
    const reset = client.readQuery({ query: MagicLinkPreviewQuery, variables: { token } })
      ?.magicLinkPreview.passwordReset;
    try {
      const r = await redeem({ variables: { token } });
      returnTo = r.data?.redeemLink.returnTo ?? null;
    } catch (err) {
      const api = apiError(err);
      if (api?.code === ErrorCode.INVALID_LINK) {
        navigate("/login?linkInvalid=1", { replace: true });
        return;
      }
      setProblem(api ? signInProblem(api) : String(err));
      return;
    }
    // An app's URL (the link was asked for on the way to it): leave the console for it.
    if (returnTo && /^https?:/i.test(returnTo)) return goAfterSignIn(returnTo, "/");
    // The token is spent: leave its address first (the preview would now call it invalid).
    if (reset) navigate("/auth/magic?reset=1", { replace: true });
    await client.clearStore();
    await refresh();
    if (reset) return;
    // Replace the entry so the used token does not stay in history.
    goAfterSignIn(returnTo, "/");
  }

  return (
    <div className="center-page">
      <main className="auth-card card" aria-labelledby="magic-title">
        <h1 id="magic-title">Sign in to {info.appName}</h1>
        <LinkPreview token={token} />
        {problem ? (
          <Alert kind="error">
            <span data-testid="redeem-error">{problem}</span>
          </Alert>
        ) : null}
        <button
          type="button"
          className="btn btn-primary btn-block"
          onClick={signIn}
          disabled={loading}
          data-testid="redeem-button"
        >
          {loading ? "Signing in…" : "Sign in"}
        </button>
        <p className="muted small">
          This link works once. If you did not ask to sign in, close this page.
        </p>
      </main>
    </div>
  );
}
