import { useQuery } from "@apollo/client/react";
import { Limits } from "@gatehouse/shared";
import type { UserFilter } from "../../../gql/graphql";
import { UsersQuery } from "../../../graphql/Users";
import { useDebounced } from "../../../hooks/useDebounced";
import { urlCursorPages, useUrlState } from "../../../hooks/useUrlState";

export const PAGE_SIZE = 25;

export type TriState = "any" | "yes" | "no";

export interface Filters {
  active: TriState;
  superuser: TriState;
  verified: TriState;
}

const toBool = (v: TriState): boolean | undefined => (v === "any" ? undefined : v === "yes");
/** An edited address may say anything: what is not a filter value means "any". */
const tri = (v: string): TriState => (v === "yes" || v === "no" ? v : "any");

/** The list's state as it appears in the address: /admin?q=ann&active=no&group=…&pages=… */
const DEFAULTS = { q: "", active: "any", superuser: "any", verified: "any", group: "", pages: "" };

/**
 * Server-side search, filters and cursor pagination, all kept in the query string (refresh
 * and Back return to the same list); a new search or filter starts again at page 1.
 */
export function useUserList() {
  const [state, set] = useUrlState(DEFAULTS);
  const search = state.q;
  const filters: Filters = {
    active: tri(state.active),
    superuser: tri(state.superuser),
    verified: tri(state.verified),
  };
  /** "" = any group. */
  const groupId = state.group;
  const term = useDebounced(search.trim().slice(0, Limits.searchMax), 300);
  const pages = urlCursorPages(state.pages, (next) => set({ pages: next }));

  const filter: UserFilter = {
    isActive: toBool(filters.active),
    isSuperuser: toBool(filters.superuser),
    emailVerified: toBool(filters.verified),
  };
  const query = useQuery(UsersQuery, {
    variables: {
      search: term || null,
      filter,
      groupId: groupId || null,
      first: PAGE_SIZE,
      after: pages.after,
    },
    fetchPolicy: "cache-and-network",
    notifyOnNetworkStatusChange: true,
  });
  const conn = query.data?.users;

  return {
    search,
    // Typing replaces the history entry: Back should not step through every keystroke.
    setSearch: (q: string) => set({ q, pages: "" }, { replace: true }),
    filters,
    setFilters: (f: Filters) => set({ ...f, pages: "" }),
    groupId,
    setGroupId: (group: string) => set({ group, pages: "" }),
    /** The settled search the list shows, for asking the server about "all matching". */
    term,
    filter,
    searching: search.trim() !== term,
    query,
    users: conn?.edges.map((e) => e.node) ?? [],
    totalCount: conn?.totalCount ?? 0,
    pages,
    hasNext: conn?.pageInfo.hasNextPage ?? false,
    endCursor: conn?.pageInfo.endCursor ?? null,
  };
}
