import { useEffect } from "react";
import { navigate } from "../lib/router";
import { Loading } from "../ui/States";

/** Replaces the current history entry, so Back does not bounce the person straight back. */
export function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return <Loading label="Redirecting…" />;
}
