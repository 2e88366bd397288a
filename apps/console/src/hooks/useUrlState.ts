import { useCallback, useMemo } from "react";
import { navigate, useLocation } from "../lib/router";

export type UrlState<K extends string> = Record<K, string>;

/**
 * Changes some keys (a value equal to its default leaves the query string). A new history
 * entry by default, so Back undoes a filter or a page turn; `replace` for typing, where
 * every keystroke would otherwise become a Back step.
 */
export type SetUrlState<K extends string> = (
  patch: Partial<UrlState<K>>,
  opts?: { replace?: boolean },
) => void;

/**
 * List state (search text, filters, the page) kept in the query string rather than in
 * component state, so a refresh, a shared link and Back all come back to the same list.
 * Keys the caller does not name are left alone; defaults are never written, so the plain
 * address stays plain.
 */
export function useUrlState<K extends string>(
  defaults: UrlState<K>,
): [UrlState<K>, SetUrlState<K>] {
  const { search } = useLocation();
  const query = search.toString();
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed on the query text, not the URLSearchParams object
  const state = useMemo(() => {
    const out = { ...defaults };
    for (const key of Object.keys(defaults) as K[]) {
      const value = search.get(key);
      if (value !== null) out[key] = value;
    }
    return out;
  }, [query]);

  const defaultsKey = JSON.stringify(defaults);
  // biome-ignore lint/correctness/useExhaustiveDependencies: defaults compared by value
  const set = useCallback<SetUrlState<K>>(
    (patch, opts) => {
      // Read the address at call time: two setters in one event must not undo each other.
      const params = new URLSearchParams(window.location.search);
      for (const [key, value] of Object.entries(patch) as [K, string | undefined][]) {
        if (value === undefined || value === defaults[key]) params.delete(key);
        else params.set(key, value);
      }
      const q = params.toString();
      navigate(`${window.location.pathname}${q ? `?${q}` : ""}`, {
        replace: opts?.replace,
        keepScroll: true,
      });
    },
    [defaultsKey],
  );

  return [state, set];
}

/** A list's position: cursor pagination without offsets (Pager renders it). */
export interface CursorPages {
  /** The cursor to ask for (null: the first page). */
  after: string | null;
  /** 1-based. */
  page: number;
  hasPrevious: boolean;
  next(endCursor: string | null | undefined): void;
  previous(): void;
}

/** Cursors are base64url, which never contains a dot: the stack is joined with dots. */
const SEP = ".";

/**
 * Cursor pages whose cursor stack is one query-string value (`stack`, from useUrlState), so
 * "Previous" goes back exactly even after a refresh. Starting over is the caller's job:
 * clear the value in the same update that changes a search or filter.
 */
export function urlCursorPages(stack: string, setStack: (next: string) => void): CursorPages {
  const cursors = stack ? stack.split(SEP).filter(Boolean) : [];
  return {
    after: cursors[cursors.length - 1] ?? null,
    page: cursors.length + 1,
    hasPrevious: cursors.length > 0,
    next(end) {
      if (end && !end.includes(SEP)) setStack([...cursors, end].join(SEP));
    },
    previous() {
      setStack(cursors.slice(0, -1).join(SEP));
    },
  };
}
