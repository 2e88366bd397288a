import { Link } from "../../../lib/router";

/**
 * Who acted or was acted on: the username, linked to the user's page while the user exists.
 * A deleted user's name stays (the audit row kept it), marked as deleted; an id that is not a
 * user (an app, a group, a variable) is shown short.
 */
export function AuditPerson({
  id,
  username,
  exists,
}: {
  id: string | null;
  username: string | null;
  exists: boolean;
}) {
  if (!id) return <span className="muted">—</span>;
  if (exists) return <Link to={`/admin/users/${id}`}>{username ?? "user"}</Link>;
  if (username)
    return (
      <span>
        {username} <span className="muted">(deleted)</span>
      </span>
    );
  return (
    <code className="muted" title={id}>
      {id.length > 12 ? `${id.slice(0, 8)}…` : id}
    </code>
  );
}

/**
 * Details are short sentences; a JSON object (older rows, some integrations) is shown as
 * "key: value" pairs rather than braces and quotes.
 */
export function readableDetail(detail: string | null): string {
  if (!detail) return "";
  const text = detail.trim();
  if (!text.startsWith("{")) return detail;
  try {
    const value: unknown = JSON.parse(text);
    if (!value || typeof value !== "object" || Array.isArray(value)) return detail;
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${k.replace(/_/g, " ")}: ${typeof v === "string" ? v : JSON.stringify(v)}`)
      .join(" · ");
  } catch {
    return detail;
  }
}
