import { useQuery } from "@apollo/client/react";
import { AuditLogQuery } from "../../graphql/AuditLog";
import { useDebounced } from "../../hooks/useDebounced";
import { urlCursorPages, useUrlState } from "../../hooks/useUrlState";
import { formatDate } from "../../lib/format";
import { Link } from "../../lib/router";
import { InputField } from "../../ui/Field";
import { Pager } from "../../ui/Pager";
import { Empty, ErrorBox, Loading } from "../../ui/States";
import { TableScroll } from "../../ui/TableScroll";

const PAGE = 50;

/** Suggestions for the filter; any exact action name works. */
const KNOWN_ACTIONS = [
  "session.signed_in",
  "session.sign_in_failed",
  "session.signed_out",
  "session.revoked",
  "user.created",
  "user.activated",
  "user.deactivated",
  "user.superuser_granted",
  "user.superuser_revoked",
  "user.password_changed",
  "magic_link.requested",
  "magic_link.admin_issued",
  "magic_link.sent",
  "magic_link.delivery_failed",
  "magic_link.redeemed",
  "google.linked",
  "variable.set",
  "variable.deleted",
  "secret_key.rotated",
  "rate_limit.locked",
];

/** /audit: the security trail, newest first, page by page. */
export default function AuditPage() {
  // The filter and the page live in the address (refresh and Back keep them); a different
  // filter starts again at the newest events.
  const [url, setUrl] = useUrlState({ action: "", pages: "" });
  const action = url.action;
  const setAction = (a: string) => setUrl({ action: a, pages: "" }, { replace: true });
  const filter = useDebounced(action.trim(), 300);
  const pages = urlCursorPages(url.pages, (next) => setUrl({ pages: next }));
  const { data, error, loading, refetch } = useQuery(AuditLogQuery, {
    variables: { first: PAGE, after: pages.after, action: filter || null },
    notifyOnNetworkStatusChange: true,
  });
  const conn = data?.auditLog;
  const events = (conn?.edges ?? []).map((e) => e.node);
  const actions = [...new Set([...KNOWN_ACTIONS, ...events.map((e) => e.action)])].sort();

  return (
    <section aria-labelledby="audit-title">
      <h1 id="audit-title">Audit log</h1>
      <div className="card">
        <div className="filters">
          <InputField
            id="audit-action"
            label="Filter by action"
            type="search"
            list="audit-actions"
            placeholder="e.g. user.created"
            autoComplete="off"
            spellCheck={false}
            value={action}
            onChange={(e) => setAction(e.target.value)}
          />
          <datalist id="audit-actions">
            {actions.map((a) => (
              <option key={a} value={a} />
            ))}
          </datalist>
        </div>
        {error && !data ? (
          <ErrorBox error={error} onRetry={() => void refetch()} />
        ) : !data ? (
          <Loading label="Loading events…" />
        ) : events.length === 0 ? (
          <Empty>No events{filter ? ` with the action ${filter}` : ""}.</Empty>
        ) : (
          <TableScroll label="Audit events table">
            <table className="table" aria-label="Audit events">
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Action</th>
                  <th scope="col">Detail</th>
                  <th scope="col" className="hide-narrow">
                    Actor
                  </th>
                  <th scope="col" className="hide-narrow">
                    Target
                  </th>
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
                    <td className="small">{e.detail ?? ""}</td>
                    <td className="hide-narrow small">
                      {e.actorId ? <Link to={`/admin/users/${e.actorId}`}>user</Link> : "—"}
                    </td>
                    <td className="hide-narrow small">
                      {e.targetId ? <Link to={`/admin/users/${e.targetId}`}>user</Link> : "—"}
                    </td>
                    <td className="hide-narrow small">{e.ipAddress ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
        <Pager
          pages={pages}
          endCursor={conn?.pageInfo.endCursor}
          hasNext={conn?.pageInfo.hasNextPage ?? false}
          previousLabel="Newer"
          nextLabel="Older"
        >
          Page {pages.page}
          {loading && data ? " · updating…" : ""}
        </Pager>
      </div>
    </section>
  );
}
