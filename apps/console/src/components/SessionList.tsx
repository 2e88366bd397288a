import { useState } from "react";
import type { SessionFieldsFragment } from "../gql/graphql";
import { formatDate, relative } from "../lib/format";
import { ConfirmDialog } from "../ui/Dialog";
import { Empty } from "../ui/States";
import { authMethodLabel } from "./UserBadges";

/** A browser name a person recognises, from the stored user agent. */
function deviceName(ua: string | null): string {
  if (!ua) return "Unknown device";
  const browser = /Edg\//.test(ua)
    ? "Edge"
    : /Firefox\//.test(ua)
      ? "Firefox"
      : /Chrome\//.test(ua)
        ? "Chrome"
        : /Safari\//.test(ua)
          ? "Safari"
          : /curl|node|undici|python|Go-http/i.test(ua)
            ? "API client"
            : "Browser";
  const os = /Windows/.test(ua)
    ? "Windows"
    : /Android/.test(ua)
      ? "Android"
      : /iPhone|iPad/.test(ua)
        ? "iOS"
        : /Mac OS X/.test(ua)
          ? "macOS"
          : /Linux/.test(ua)
            ? "Linux"
            : "";
  return os ? `${browser} on ${os}` : browser;
}

/**
 * Sessions with a Revoke (or, for this device, Sign out) button each; every revocation is
 * confirmed first, since it signs a browser or API client out on the spot.
 */
export function SessionList({
  sessions,
  busyId,
  onRevoke,
}: {
  sessions: SessionFieldsFragment[];
  busyId: string | null;
  onRevoke(session: SessionFieldsFragment): void;
}) {
  const [confirming, setConfirming] = useState<SessionFieldsFragment | null>(null);
  if (sessions.length === 0) return <Empty>No active sessions.</Empty>;
  const device = confirming ? deviceName(confirming.userAgent) : "";
  return (
    <>
      <ul className="list" aria-label="Sessions">
        {sessions.map((s) => (
          <li key={s.id} className="list-item" data-testid="session-row" data-current={s.current}>
            <div>
              <strong title={s.userAgent ?? undefined}>{deviceName(s.userAgent)}</strong>{" "}
              {s.current ? <span className="badge badge-success">This device</span> : null}
              <div className="muted small">
                {s.ipAddress ?? "unknown address"} · {authMethodLabel(s.method)} sign-in{" "}
                {formatDate(s.createdAt)} · last seen {relative(s.lastSeenAt)} · expires{" "}
                {formatDate(s.expiresAt)}
              </div>
            </div>
            <button
              type="button"
              className="btn btn-small btn-danger"
              disabled={busyId === s.id}
              onClick={() => setConfirming(s)}
            >
              {/* The visible words begin the accessible name (WCAG 2.5.3, label in name). */}
              {busyId === s.id ? "Revoking…" : s.current ? "Sign out" : "Revoke"}
              <span className="sr-only">
                {s.current
                  ? ` (current session, ${deviceName(s.userAgent)})`
                  : ` session: ${deviceName(s.userAgent)}`}
              </span>
            </button>
          </li>
        ))}
      </ul>
      <ConfirmDialog
        open={confirming !== null}
        title={confirming?.current ? "Sign out of this device?" : "Revoke this session?"}
        confirmLabel={confirming?.current ? "Sign out" : "Revoke session"}
        danger
        onConfirm={() => {
          const s = confirming;
          setConfirming(null);
          if (s) onRevoke(s);
        }}
        onCancel={() => setConfirming(null)}
      >
        <p>
          {confirming?.current
            ? `This browser (${device}) is signed out now and has to sign in again.`
            : `${device}, from ${confirming?.ipAddress ?? "an unknown address"}, is signed out now; whoever uses it has to sign in again.`}
        </p>
      </ConfirmDialog>
    </>
  );
}
