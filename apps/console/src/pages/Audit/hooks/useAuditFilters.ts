import { useMemo } from "react";
import { useDebounced } from "../../../hooks/useDebounced";
import { urlCursorPages, useUrlState } from "../../../hooks/useUrlState";

export interface AuditFilterInputs {
  user: string;
  action: string;
  /** yyyy-mm-dd from a date input, in the browser's time zone; "" = open. */
  from: string;
  to: string;
}

const EMPTY: AuditFilterInputs & { pages: string } = {
  user: "",
  action: "",
  from: "",
  to: "",
  pages: "",
};

/** Local midnight of a yyyy-mm-dd day, plus `days`. */
function dayStart(day: string, days = 0): string | null {
  const [y, m, d] = day.split("-").map(Number);
  if (!y || !m || !d) return null;
  return new Date(y, m - 1, d + days).toISOString();
}

/**
 * The audit filters as typed, and as the server takes them (debounced text; "to" includes the
 * whole day). The same variables build the CSV link, so the file holds what the page shows.
 * Filters and the page's cursor stack live in the query string (useUrlState): a refresh, a
 * shared link and Back all come back to the same events.
 */
export function useAuditFilters() {
  const [url, setUrl] = useUrlState(EMPTY);
  const inputs: AuditFilterInputs = url;
  const user = useDebounced(inputs.user.trim(), 300);
  const action = useDebounced(inputs.action.trim(), 300);
  const variables = useMemo(
    () => ({
      user: user || null,
      actionContains: action || null,
      since: inputs.from ? dayStart(inputs.from) : null,
      until: inputs.to ? dayStart(inputs.to, 1) : null,
    }),
    [user, action, inputs.from, inputs.to],
  );
  const csvHref = useMemo(() => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(variables)) if (v) params.set(k, v);
    const q = params.toString();
    return `/api/audit.csv${q ? `?${q}` : ""}`;
  }, [variables]);
  // Typing replaces the history entry (one Back step per filter, not per keystroke); any
  // change of filter starts again at the first page.
  const set = (patch: Partial<AuditFilterInputs>) =>
    setUrl({ ...patch, pages: "" }, { replace: "user" in patch || "action" in patch });
  const pages = urlCursorPages(url.pages, (next) => setUrl({ pages: next }));
  const active = Object.values(variables).some(Boolean);
  return { inputs, set, clear: () => setUrl(EMPTY), variables, csvHref, active, pages };
}
