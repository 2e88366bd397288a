import { useQuery } from "@apollo/client/react";
import { Limits } from "@gatehouse/shared";
import { useState } from "react";
import type { UserFilter } from "../../../gql/graphql";
import { UsersQuery } from "../../../graphql/Users";
import { useCursorPages } from "../../../hooks/useCursorPages";
import { useDebounced } from "../../../hooks/useDebounced";

export const PAGE_SIZE = 25;

export type TriState = "any" | "yes" | "no";

export interface Filters {
  active: TriState;
  superuser: TriState;
  verified: TriState;
}

const toBool = (v: TriState): boolean | undefined => (v === "any" ? undefined : v === "yes");

/** Server-side search, filters and cursor pagination; a new search or filter starts again at page 1. */
export function useUserList() {
  const [search, setSearch] = useState("");
  const [filters, setFilters] = useState<Filters>({
    active: "any",
    superuser: "any",
    verified: "any",
  });
  /** "" = any group. */
  const [groupId, setGroupId] = useState("");
  const term = useDebounced(search.trim().slice(0, Limits.searchMax), 300);
  const pages = useCursorPages([term, filters, groupId]);

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
    setSearch,
    filters,
    setFilters,
    groupId,
    setGroupId,
    searching: search.trim() !== term,
    query,
    users: conn?.edges.map((e) => e.node) ?? [],
    totalCount: conn?.totalCount ?? 0,
    pages,
    hasNext: conn?.pageInfo.hasNextPage ?? false,
    endCursor: conn?.pageInfo.endCursor ?? null,
  };
}
