import { useEffect } from "react";

/** "Users · Gatehouse": the page first, so tabs and history tell pages apart. */
export function useDocumentTitle(page: string | null, appName: string): void {
  const title = page ? `${page} · ${appName}` : appName;
  useEffect(() => {
    document.title = title;
  }, [title]);
}

/** The title of each route the console serves (null: the app's name alone). */
export function pageTitle(pathname: string): string | null {
  if (pathname.startsWith("/admin/users/")) return "User";
  return TITLES[pathname] ?? "Page not found";
}

const TITLES: Record<string, string> = {
  "/": "Server",
  "/login": "Sign in",
  "/auth/magic": "Sign-in link",
  "/auth/confirm-email": "Confirm email",
  "/admin": "Users",
  "/groups": "Groups",
  "/apps": "Apps",
  "/account": "My account",
  "/security": "Security",
  "/audit": "Audit log",
};
