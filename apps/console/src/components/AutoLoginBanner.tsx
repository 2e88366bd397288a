import { useSession } from "../lib/session";

/**
 * Auto-login (the first-run default) makes every visitor the superuser. Shown on every page
 * while it is on, with the two settings that turn sign-in on, so nobody leaves it on by
 * accident once the server is reachable from elsewhere.
 */
export function AutoLoginBanner() {
  const { info } = useSession();
  if (info.authMode !== "AUTO_LOGIN") return null;
  return (
    <aside
      className="banner banner-warning"
      aria-label="Auto-login is on"
      data-testid="auto-login-banner"
    >
      <strong>Auto-login is on: anyone who can reach this address is a superuser.</strong> To
      require sign-in, set <code>GATEHOUSE_AUTO_LOGIN=false</code> and a superuser with{" "}
      <code>GATEHOUSE_SUPERUSER</code> and <code>GATEHOUSE_SUPERUSER_PASSWORD</code>, then restart.
    </aside>
  );
}
