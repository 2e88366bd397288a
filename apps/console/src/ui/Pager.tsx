import type { ReactNode } from "react";
import type { CursorPages } from "../hooks/useUrlState";

/**
 * Previous/next controls under a cursor-paginated list, with a status line (a count, or the
 * page number) beside them. `live` announces the status when it changes.
 */
export function Pager({
  pages,
  endCursor,
  hasNext,
  previousLabel = "Previous",
  nextLabel = "Next",
  live = false,
  testId,
  children,
}: {
  pages: CursorPages;
  endCursor: string | null | undefined;
  hasNext: boolean;
  previousLabel?: string;
  nextLabel?: string;
  live?: boolean;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <div className="pager">
      <span className="muted small" aria-live={live ? "polite" : undefined} data-testid={testId}>
        {children}
      </span>
      <div className="row">
        <button
          type="button"
          className="btn btn-small"
          disabled={!pages.hasPrevious}
          onClick={pages.previous}
        >
          {previousLabel}
        </button>
        <button
          type="button"
          className="btn btn-small"
          disabled={!hasNext}
          onClick={() => pages.next(endCursor)}
        >
          {nextLabel}
        </button>
      </div>
    </div>
  );
}
