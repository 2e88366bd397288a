import type { SessionFieldsFragment } from "../gql/graphql";
import { formatDate, relative } from "../lib/format";
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

export function SessionList({
  sessions,
  busyId,
  onRevoke,
}: {
  sessions: SessionFieldsFragment[];
  busyId: string | null;
  onRevoke(session: SessionFieldsFragment): void;
}) {
  if (sessions.length === 0) return <Empty>No active sessions.</Empty>;
  return (
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
            onClick={() => onRevoke(s)}
            // The name starts with the visible words (WCAG 2.5.3: speech users say what they see).
            aria-label={
              s.current
                ? `Sign out this device: ${deviceName(s.userAgent)}`
                : `Revoke session: ${deviceName(s.userAgent)}`
            }
          >
            {busyId === s.id ? "Revoking…" : s.current ? "Sign out" : "Revoke"}
          </button>
        </li>
      ))}
    </ul>
  );
}
