import { useQuery } from "@apollo/client/react";
import { Limits } from "@gatehouse/shared";
import { useEffect, useState } from "react";
import type { UserFilter } from "../../../gql/graphql";
import { UsersQuery } from "../../../graphql/Users";
import { useDebounced } from "../../../hooks/useDebounced";

export const PAGE_SIZE = 25;

export type TriState = "any" | "yes" | "no";

export interface Filters {
  active: TriState;
  superuser: TriState;
  verified: TriState;
}

const toBool = (v: TriState): boolean | undefined => (v === "any" ? undefined : v === "yes");

/**
 * Server-side search, filters and cursor pagination. Cursors of the pages already seen are
 * kept so "Previous" works without offsets.
 */
export function useUserList() {
  const [search, setSearch] = useState("");
  const [filters, setFilters] = useState<Filters>({
    active: "any",
    superuser: "any",
    verified: "any",
  });
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const term = useDebounced(search.trim().slice(0, Limits.searchMax), 300);

  // A new search or filter starts again at the first page.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset is keyed on these inputs
  useEffect(() => setCursors([null]), [term, filters]);

  const filter: UserFilter = {
    isActive: toBool(filters.active),
    isSuperuser: toBool(filters.superuser),
    emailVerified: toBool(filters.verified),
  };
  const after = cursors[cursors.length - 1] ?? null;
  const query = useQuery(UsersQuery, {
    variables: { search: term || null, filter, first: PAGE_SIZE, after },
    fetchPolicy: "cache-and-network",
    notifyOnNetworkStatusChange: true,
  });
  const conn = query.data?.users;

  return {
    search,
    setSearch,
    filters,
    setFilters,
    searching: search.trim() !== term,
    query,
    users: conn?.edges.map((e) => e.node) ?? [],
    totalCount: conn?.totalCount ?? 0,
    page: cursors.length,
    hasPrevious: cursors.length > 1,
    hasNext: conn?.pageInfo.hasNextPage ?? false,
    next() {
      const end = conn?.pageInfo.endCursor;
      if (end) setCursors((c) => [...c, end]);
    },
    previous() {
      setCursors((c) => (c.length > 1 ? c.slice(0, -1) : c));
    },
  };
}
