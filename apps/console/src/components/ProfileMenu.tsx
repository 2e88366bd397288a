import { useApolloClient, useMutation } from "@apollo/client/react";
import { useEffect, useId, useRef, useState } from "react";
import { SignOutMutation } from "../graphql/SignOut";
import { navigate } from "../lib/router";
import { useSession } from "../lib/session";

/** Who I am, Admin Page for superusers, Sign out: a small disclosure menu. */
export function ProfileMenu() {
  const { me, info, refresh } = useSession();
  const client = useApolloClient();
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  const menuId = useId();
  const [signOut, { loading }] = useMutation(SignOutMutation);

  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (!ref.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") {
        setOpen(false);
        ref.current?.querySelector<HTMLButtonElement>("button")?.focus();
        return;
      }
      // Arrow keys, Home and End move between the choices, as in any menu.
      const items = [
        ...(ref.current?.querySelectorAll<HTMLElement>("[role=menuitem]:not(:disabled)") ?? []),
      ];
      const at = items.indexOf(document.activeElement as HTMLElement);
      const target =
        e.key === "ArrowDown"
          ? items[(at + 1) % items.length]
          : e.key === "ArrowUp"
            ? items[(at - 1 + items.length) % items.length]
            : e.key === "Home"
              ? items[0]
              : e.key === "End"
                ? items[items.length - 1]
                : undefined;
      if (target) {
        e.preventDefault();
        target.focus();
      }
    };
    document.addEventListener("mousedown", onDown);
    document.addEventListener("keydown", onKey);
    // Move focus into the menu so keyboard users land on the first choice.
    ref.current?.querySelector<HTMLElement>("[role=menuitem]")?.focus();
    return () => {
      document.removeEventListener("mousedown", onDown);
      document.removeEventListener("keydown", onKey);
    };
  }, [open]);

  if (!me) return null;

  const go = (to: string) => {
    setOpen(false);
    navigate(to);
  };

  async function doSignOut() {
    setOpen(false);
    try {
      await signOut();
    } finally {
      // Leave first: the login page tolerates the stale user until the reset below lands.
      navigate("/login?signedOut=1", { replace: true });
      await client.clearStore();
      await refresh();
    }
  }

  const autoLogin = info.authMode === "AUTO_LOGIN";
  return (
    <div className="profile" ref={ref}>
      <button
        type="button"
        className="profile-button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={menuId}
        onClick={() => setOpen((o) => !o)}
      >
        <span className="avatar" aria-hidden="true">
          {me.username.slice(0, 1).toUpperCase()}
        </span>
        <span className="profile-name">{me.username}</span>
        <span className="sr-only">, open profile menu</span>
      </button>
      {open ? (
        <div className="menu" id={menuId} role="menu" aria-label="Profile">
          <div className="menu-head" role="presentation">
            <strong>{me.username}</strong>
            <span className="muted small">{me.email ?? "no email"}</span>
            <span className="muted small">{me.isSuperuser ? "Superuser" : "User"}</span>
          </div>
          <button type="button" role="menuitem" onClick={() => go("/account")}>
            My account
          </button>
          {me.isSuperuser ? (
            <button type="button" role="menuitem" onClick={() => go("/admin")}>
              Admin Page
            </button>
          ) : null}
          {autoLogin ? null : (
            <button type="button" role="menuitem" disabled={loading} onClick={doSignOut}>
              Sign out
            </button>
          )}
        </div>
      ) : null}
    </div>
  );
}
