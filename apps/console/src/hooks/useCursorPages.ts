import { useCallback, useEffect, useState } from "react";

export interface CursorPages {
  /** The cursor to ask for (null: the first page). */
  after: string | null;
  /** 1-based. */
  page: number;
  hasPrevious: boolean;
  next(endCursor: string | null | undefined): void;
  previous(): void;
}

/**
 * Cursor pagination without offsets: the cursors of the pages already seen are kept, so
 * "Previous" goes back exactly. Any change in `resetOn` (a search, a filter) starts again at
 * the first page.
 */
export function useCursorPages(resetOn: readonly unknown[]): CursorPages {
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset is keyed on the caller's inputs
  useEffect(() => setCursors([null]), resetOn);
  const next = useCallback((end: string | null | undefined) => {
    if (end) setCursors((c) => [...c, end]);
  }, []);
  const previous = useCallback(() => setCursors((c) => (c.length > 1 ? c.slice(0, -1) : c)), []);
  return {
    after: cursors[cursors.length - 1] ?? null,
    page: cursors.length,
    hasPrevious: cursors.length > 1,
    next,
    previous,
  };
}
