import { useQuery } from "@apollo/client/react";
import { AuditLogQuery } from "../../../graphql/AuditLog";
import { formatDate } from "../../../lib/format";
import { Empty, ErrorBox, Loading } from "../../../ui/States";
import { readableDetail } from "../../Audit/components/AuditPerson";

/** The latest audit events about this user. */
export function UserAudit({ userId }: { userId: string }) {
  const { data, error, refetch } = useQuery(AuditLogQuery, {
    variables: { first: 10, targetId: userId },
  });
  if (error && !data) return <ErrorBox error={error} onRetry={() => void refetch()} />;
  if (!data) return <Loading label="Loading events…" />;
  const events = data.auditLog.edges.map((e) => e.node);
  if (events.length === 0) return <Empty>No events about this user yet.</Empty>;
  return (
    <ul className="list" aria-label="Recent events">
      {events.map((e) => (
        <li key={e.id} className="list-item" data-testid="user-audit-row">
          <div>
            <code>{e.action}</code>
            {e.detail ? <span className="small"> — {readableDetail(e.detail)}</span> : null}
          </div>
          <span className="muted small nowrap">{formatDate(e.at)}</span>
        </li>
      ))}
    </ul>
  );
}
