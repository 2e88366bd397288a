import { Limits } from "@gatehouse/shared";

/**
 * The offer under a fully ticked page: extend the selection to every user matching the
 * search and filters, on all pages (at most Limits.matchingUsersMax at once).
 */
export function SelectAllMatching({
  pageCount,
  totalCount,
  allMatching,
  onSelectAll,
  onClear,
}: {
  pageCount: number;
  totalCount: number;
  allMatching: boolean;
  onSelectAll(): void;
  onClear(): void;
}) {
  if (allMatching)
    return (
      <p className="select-all small" data-testid="select-all">
        All <strong>{totalCount}</strong> users matching are selected.{" "}
        <button type="button" className="btn-link" onClick={onClear}>
          Clear selection
        </button>
      </p>
    );
  if (pageCount === 0 || totalCount <= pageCount) return null;
  const tooMany = totalCount > Limits.matchingUsersMax;
  return (
    <p className="select-all small" data-testid="select-all">
      All {pageCount} users on this page are selected.{" "}
      {tooMany ? (
        <span className="muted">
          {totalCount} match; narrow the search to act on more than {Limits.matchingUsersMax} at
          once.
        </span>
      ) : (
        <button type="button" className="btn-link" onClick={onSelectAll}>
          Select all {totalCount} users matching
        </button>
      )}
    </p>
  );
}
