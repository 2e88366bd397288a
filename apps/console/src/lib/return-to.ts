import { parseReturnTarget } from "@gatehouse/shared";
import { navigate } from "./router";

/**
 * The sign-in page's `next`, split: a console path is followed here as before; an absolute
 * URL (an app behind forward auth) is only ever sent to the server, which answers with the
 * destination it allows. The console never follows an absolute URL the server did not return.
 */
export function readNext(raw: string | null): {
  /** A console path to land on ("/" when none, or when `url` is set). */
  path: string;
  /** An absolute URL for the server to judge, or null. */
  url: string | null;
  /** What sign-in requests carry as `next` (the URL, or a path other than "/"). */
  forServer: string | null;
} {
  const target = parseReturnTarget(raw);
  if (target?.kind === "url")
    return { path: "/", url: target.url.href, forServer: target.url.href };
  const path = target?.kind === "path" ? target.path : "/";
  return { path, url: null, forServer: path === "/" ? null : path };
}

/** Goes where the server said (an allowed app URL leaves the console), else to `fallback`. */
export function goAfterSignIn(returnTo: string | null | undefined, fallback: string): void {
  if (returnTo && /^https?:\/\//i.test(returnTo)) {
    // replace: Back must not return to a sign-in page (or a used link's page).
    window.location.replace(returnTo);
    return;
  }
  navigate(returnTo || fallback, { replace: true });
}
