import { useApolloClient } from "@apollo/client/react";
import { useEffect, useState } from "react";
import type { UserFieldsFragment, UserFilter } from "../../../gql/graphql";
import { MatchingUsersQuery } from "../../../graphql/MatchingUsers";

export interface MatchArgs {
  search: string | null;
  filter: UserFilter;
  groupId: string | null;
}

/**
 * Ticked rows, or "all N matching" the current search and filters (every page). A different
 * search or filter (typed, chosen, or brought back by Back) clears the selection: it was
 * made for another list.
 */
export function useSelection(match: MatchArgs) {
  const client = useApolloClient();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [allMatching, setAllMatching] = useState(false);
  const key = JSON.stringify(match);
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed on the list's arguments
  useEffect(() => {
    setSelected(new Set());
    setAllMatching(false);
  }, [key]);

  function toggle(id: string) {
    setAllMatching(false);
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }

  function setMany(ids: string[], on: boolean) {
    if (!on) setAllMatching(false);
    setSelected((s) => {
      const next = new Set(s);
      for (const id of ids) {
        if (on) next.add(id);
        else next.delete(id);
      }
      return next;
    });
  }

  /** The users an action applies to: the ticked rows shown, or all matching (asked fresh). */
  async function resolve(shown: UserFieldsFragment[]): Promise<UserFieldsFragment[]> {
    if (!allMatching) return shown.filter((u) => selected.has(u.id));
    const { data } = await client.query({
      query: MatchingUsersQuery,
      variables: match,
      fetchPolicy: "network-only",
    });
    return data?.matchingUsers ?? [];
  }

  return {
    selected,
    allMatching,
    toggle,
    setMany,
    selectAllMatching: () => setAllMatching(true),
    clear: () => {
      setSelected(new Set());
      setAllMatching(false);
    },
    resolve,
  };
}
