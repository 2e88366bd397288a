import type { ReactNode } from "react";
import { Link, useLocation } from "../lib/router";
import { ThemeSwitch } from "./ThemeSwitch";

export interface NavItem {
  to: string;
  label: string;
  /** Full page load (the playground is a separate entry, not a console route). */
  external?: boolean;
}

/** Header with navigation, an optional profile menu, and the page. */
export function Layout({
  appName,
  nav,
  profile,
  children,
}: {
  appName: string;
  nav: NavItem[];
  profile?: ReactNode;
  children: ReactNode;
}) {
  const { pathname } = useLocation();
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <Link to="/" className="brand">
          <span className="brand-mark" aria-hidden="true">
            ⌂
          </span>
          {appName}
        </Link>
        <nav aria-label="Main" className="mainnav">
          <ul>
            {nav.map((item) => {
              const active =
                !item.external &&
                (item.to === "/" ? pathname === "/" : pathname.startsWith(item.to));
              return (
                <li key={item.to}>
                  {item.external ? (
                    <a href={item.to}>{item.label}</a>
                  ) : (
                    <Link to={item.to} aria-current={active ? "page" : undefined}>
                      {item.label}
                    </Link>
                  )}
                </li>
              );
            })}
          </ul>
        </nav>
        <div className="topbar-profile">
          <ThemeSwitch />
          {profile}
        </div>
      </header>
      <main id="main" className="content" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
