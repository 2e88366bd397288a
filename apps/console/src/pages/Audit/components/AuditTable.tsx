import type { AuditLogQuery as AuditLogQueryType } from "../../../gql/graphql";
import { formatDate } from "../../../lib/format";
import { TableScroll } from "../../../ui/TableScroll";
import { AuditPerson, readableDetail } from "./AuditPerson";

type AuditEvent = AuditLogQueryType["auditLog"]["edges"][number]["node"];

export function AuditTable({ events }: { events: AuditEvent[] }) {
  return (
    <TableScroll label="Audit events table">
      <table className="table" aria-label="Audit events">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Action</th>
            <th scope="col">By</th>
            <th scope="col">About</th>
            <th scope="col">Detail</th>
            <th scope="col" className="hide-narrow">
              Address
            </th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => (
            <tr key={e.id} data-testid="audit-row" data-action={e.action} data-at={e.at}>
              <td className="small nowrap">{formatDate(e.at)}</td>
              <td>
                <code>{e.action}</code>
              </td>
              <td className="small" data-testid="audit-actor">
                <AuditPerson
                  id={e.actorId ?? null}
                  username={e.actorUsername ?? null}
                  exists={e.actorUserExists}
                />
              </td>
              <td className="small" data-testid="audit-target">
                <AuditPerson
                  id={e.targetId ?? null}
                  username={e.targetUsername ?? null}
                  exists={e.targetUserExists}
                />
              </td>
              <td className="small" data-testid="audit-detail">
                {readableDetail(e.detail ?? null)}
              </td>
              <td className="hide-narrow small">{e.ipAddress ?? "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
