import { useQuery } from "@apollo/client/react";
import { AuditLogQuery } from "../../graphql/AuditLog";
import { Pager } from "../../ui/Pager";
import { Empty, ErrorBox, Loading } from "../../ui/States";
import { AuditFilters } from "./components/AuditFilters";
import { AuditTable } from "./components/AuditTable";
import { useAuditFilters } from "./hooks/useAuditFilters";

const PAGE = 50;

/** /audit: the security trail, newest first, page by page; filters; the whole match as CSV. */
export default function AuditPage() {
  // The filters and the page live in the address (useAuditFilters), so refresh and Back keep
  // them; a different filter starts again at the newest events.
  const filters = useAuditFilters();
  const v = filters.variables;
  const pages = filters.pages;
  const { data, error, loading, refetch } = useQuery(AuditLogQuery, {
    variables: { first: PAGE, after: pages.after, ...v },
    notifyOnNetworkStatusChange: true,
  });
  const conn = data?.auditLog;
  const events = (conn?.edges ?? []).map((e) => e.node);

  return (
    <section aria-labelledby="audit-title">
      <h1 id="audit-title">Audit log</h1>
      <div className="card">
        <AuditFilters
          inputs={filters.inputs}
          set={filters.set}
          seenActions={events.map((e) => e.action)}
        />
        <div className="toolbar">
          <span className="muted small">
            {filters.active ? "Showing events that match the filters." : "Showing every event."}
          </span>
          <span className="row">
            {filters.active ? (
              <button type="button" className="btn btn-link" onClick={filters.clear}>
                Clear filters
              </button>
            ) : null}
            {/* A plain link: the browser downloads with the session cookie, every matching row. */}
            <a className="btn" href={filters.csvHref} download data-testid="audit-export">
              Export CSV
            </a>
          </span>
        </div>
        {error && !data ? (
          <ErrorBox error={error} onRetry={() => void refetch()} />
        ) : !data ? (
          <Loading label="Loading events…" />
        ) : events.length === 0 ? (
          <Empty>{filters.active ? "No events match these filters." : "No events yet."}</Empty>
        ) : (
          <AuditTable events={events} />
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
