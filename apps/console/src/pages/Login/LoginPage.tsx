import { useEffect } from "react";
import { Redirect } from "../../components/Redirect";
import { goAfterSignIn, readNext } from "../../lib/return-to";
import { Link, useLocation } from "../../lib/router";
import { useSession } from "../../lib/session";
import { Alert, Loading } from "../../ui/States";
import { ForgotPassword } from "./components/ForgotPassword";
import { MagicLinkForm } from "./components/MagicLinkForm";
import { PasswordForm } from "./components/PasswordForm";
import { ReturnToApp } from "./components/ReturnToApp";
import { LINK_INVALID_MANUAL, NOTICES } from "./messages";

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
  // An app's OpenID Connect sign-in wins; else a console path, or an app's URL (forward auth
  // sent the browser here) for the server to judge.
  const oidc = oidcReturn(search.get("oidc"));
  const parsed = readNext(oidc ? null : search.get("next"));
  const { url: appUrl, forServer } = parsed;
  const next = oidc ?? parsed.path;
  // What the server should send the browser back to after a link or Google sign-in.
  const serverNext = oidc ?? forServer;

  const noticeKey =
    ["linkInvalid", "ended", "signedOut"].find((k) => search.has(k)) ?? search.get("error") ?? "";
  const linkInvalid = noticeKey === "linkInvalid";
  const manual = info.magicLinkDelivery !== "EMAIL";
  const notice = linkInvalid && manual ? LINK_INVALID_MANUAL : NOTICES[noticeKey];

  // Auto-login mode has no sign-in; a signed-in person has nothing to do here, except read
  // why a link did not work. After "ended" or "signedOut", `me` may still be the stale cached
  // user for a moment: stay, or the redirect would race the cache reset.
  const stay = linkInvalid || noticeKey === "ended" || noticeKey === "signedOut";
  if (info.authMode === "AUTO_LOGIN" || (me && !stay)) {
    if (isServerPath(next)) return <ServerRedirect to={next} />;
    return appUrl ? <ReturnToApp next={appUrl} /> : <Redirect to={next} />;
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
          next={forServer}
          onSignedIn={async (returnTo) => {
            // A server path is a full page load: refreshing the session first would render
            // the signed-in redirect too, and two navigations would race.
            if (isServerPath(next)) return window.location.assign(next);
            if (returnTo && /^https?:/i.test(returnTo)) return goAfterSignIn(returnTo, next);
            await refresh();
            goAfterSignIn(returnTo, next);
          }}
        />
        <ForgotPassword delivery={info.magicLinkDelivery} />
        <div className="divider" aria-hidden="true">
          or
        </div>
        <MagicLinkForm
          delivery={info.magicLinkDelivery}
          // Only useful when a new link can be emailed.
          focusEmail={linkInvalid && !manual}
          initialEmail={search.get("email") ?? ""}
          next={serverNext}
        />
        {info.googleSignInEnabled ? (
          <>
            <div className="divider" aria-hidden="true">
              or
            </div>
            {/* A full-page redirect: the server runs the OAuth flow (state + PKCE). */}
            <a
              className="btn btn-block btn-google"
              href={`/auth/google/start${serverNext ? `?next=${encodeURIComponent(serverNext)}` : ""}`}
            >
              Sign in with Google
            </a>
          </>
        ) : null}
      </main>
    </div>
  );
}
