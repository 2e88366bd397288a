import { safeReturnPath } from "@gatehouse/shared";
import { useEffect } from "react";
import { Redirect } from "../../components/Redirect";
import { Link, navigate, useLocation } from "../../lib/router";
import { useSession } from "../../lib/session";
import { Alert, Loading } from "../../ui/States";
import { MagicLinkForm } from "./components/MagicLinkForm";
import { PasswordForm } from "./components/PasswordForm";
import { NOTICES } from "./messages";

/**
 * An app's OpenID Connect sign-in (`/login?oidc=<interaction uid>`): once signed in, the
 * server's interaction endpoint finishes it and sends the person back to the app.
 */
function oidcReturn(uid: string | null): string | null {
  return uid && /^[A-Za-z0-9_-]{1,64}$/.test(uid) ? `/oidc/interaction/${uid}` : null;
}

/** Served by the API, not the console: needs a full page load, not a client-side route. */
function isServerPath(path: string): boolean {
  return path.startsWith("/oidc/");
}

function ServerRedirect({ to }: { to: string }) {
  useEffect(() => window.location.replace(to), [to]);
  return <Loading label="Redirecting…" />;
}

/** /login: adapts to serverInfo (password, magic link, Google); auto-login skips it. */
export function LoginPage() {
  const { info, me, refresh } = useSession();
  const { search } = useLocation();
  const next = oidcReturn(search.get("oidc")) ?? safeReturnPath(search.get("next"));

  const noticeKey =
    ["linkInvalid", "ended", "signedOut"].find((k) => search.has(k)) ?? search.get("error") ?? "";
  const notice = NOTICES[noticeKey];
  const linkInvalid = noticeKey === "linkInvalid";

  // Auto-login mode has no sign-in; a signed-in person has nothing to do here, except read
  // why a link did not work. After "ended" or "signedOut", `me` may still be the stale cached
  // user for a moment: stay, or the redirect would race the cache reset.
  const stay = linkInvalid || noticeKey === "ended" || noticeKey === "signedOut";
  if (info.authMode === "AUTO_LOGIN" || (me && !stay)) {
    return isServerPath(next) ? <ServerRedirect to={next} /> : <Redirect to={next} />;
  }

  return (
    <div className="center-page">
      <main className="auth-card card" aria-labelledby="login-title">
        <h1 id="login-title">Sign in to {info.appName}</h1>
        {notice ? (
          <Alert kind={notice.kind}>
            <span data-testid="login-notice">{notice.text}</span>
          </Alert>
        ) : null}
        {me ? (
          <p className="muted small">
            You are still signed in as <strong>{me.username}</strong>.{" "}
            <Link to="/">Go to the console</Link>
          </p>
        ) : null}
        <PasswordForm
          onSignedIn={async () => {
            // A server path is a full page load: refreshing the session first would render
            // the signed-in redirect too, and two navigations would race.
            if (isServerPath(next)) return window.location.assign(next);
            await refresh();
            navigate(next, { replace: true });
          }}
        />
        <div className="divider" aria-hidden="true">
          or
        </div>
        <MagicLinkForm
          delivery={info.magicLinkDelivery}
          focusEmail={linkInvalid}
          initialEmail={search.get("email") ?? ""}
        />
        {info.googleSignInEnabled ? (
          <>
            <div className="divider" aria-hidden="true">
              or
            </div>
            {/* A full-page redirect: the server runs the OAuth flow (state + PKCE). */}
            <a
              className="btn btn-block btn-google"
              href={`/auth/google/start${next === "/" ? "" : `?next=${encodeURIComponent(next)}`}`}
            >
              Sign in with Google
            </a>
          </>
        ) : null}
      </main>
    </div>
  );
}
