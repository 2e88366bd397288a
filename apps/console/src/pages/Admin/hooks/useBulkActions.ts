import { useApolloClient } from "@apollo/client/react";
import { useState } from "react";
import { useFreshSignIn } from "../../../components/Reauth";
import type { UserFieldsFragment } from "../../../gql/graphql";
import { AddGroupMembersMutation } from "../../../graphql/AddGroupMembers";
import { EmailLoginUrlMutation } from "../../../graphql/EmailLoginUrl";
import { RemoveGroupMembersMutation } from "../../../graphql/RemoveGroupMembers";
import { SetActiveMutation } from "../../../graphql/SetActive";
import { SetSuperuserMutation } from "../../../graphql/SetSuperuser";
import { errorMessage } from "../../../lib/errors";

export const ACTIONS = {
  loginUrl: "Get email login URL",
  activate: "Activate",
  deactivate: "Deactivate",
  makeSuperuser: "Make superuser",
  removeSuperuser: "Remove superuser",
  addToGroup: "Add to group…",
  removeFromGroup: "Remove from group…",
} as const;
export type ActionKey = keyof typeof ACTIONS;
/** Actions that need a group chosen too. */
export const GROUP_ACTIONS: ReadonlySet<ActionKey> = new Set(["addToGroup", "removeFromGroup"]);

export interface RowResult {
  userId: string;
  username: string;
  ok: boolean;
  message: string;
  /** Already in the wanted state: nothing was asked of the server, nothing was audited. */
  unchanged?: boolean;
  /** The failure is fixed on the user's page (an email to add): the row links there. */
  fixOnPage?: string;
}

export interface GroupRef {
  id: string;
  name: string;
}

export interface LoginUrlResult {
  userId: string;
  username: string;
  url: string;
  expiresAt: string;
}

/**
 * Runs one action over the selected users, one request each, so a failure (the last
 * superuser, a missing email) is reported for its row while the others go through.
 */
export function useBulkActions(onDone: () => void) {
  const client = useApolloClient();
  const withFreshSignIn = useFreshSignIn();
  const [running, setRunning] = useState(false);
  const [results, setResults] = useState<RowResult[]>([]);
  const [loginUrls, setLoginUrls] = useState<LoginUrlResult[]>([]);
  const [lastAction, setLastAction] = useState<ActionKey | null>(null);
  /** A failure before any row ran (finding the users to act on). */
  const [error, setError] = useState<string | null>(null);

  async function guard<T>(fn: () => Promise<T>): Promise<T | null> {
    setError(null);
    try {
      return await fn();
    } catch (err) {
      setError(errorMessage(err) || String(err));
      return null;
    }
  }

  async function runOne(action: ActionKey, user: UserFieldsFragment): Promise<RowResult> {
    const base = { userId: user.id, username: user.username };
    try {
      switch (action) {
        case "loginUrl": {
          // A link is for an address: say so, and where to add one, without asking the server.
          if (!user.email)
            return {
              ...base,
              ok: false,
              message: "No email address: a sign-in link needs one.",
              fixOnPage: "Add an email on their page",
            };
          const { data } = await client.mutate({
            mutation: EmailLoginUrlMutation,
            variables: { userId: user.id },
          });
          const link = data!.emailLoginUrl;
          setLoginUrls((prev) => [
            { ...base, url: link.url, expiresAt: link.expiresAt },
            ...prev.filter((p) => p.userId !== user.id),
          ]);
          return { ...base, ok: true, message: "Login URL created (shown at the top)." };
        }
        case "activate":
        case "deactivate":
          if (user.isActive === (action === "activate"))
            return {
              ...base,
              ok: true,
              unchanged: true,
              message: user.isActive ? "Already active." : "Already inactive.",
            };
          await client.mutate({
            mutation: SetActiveMutation,
            variables: { userId: user.id, active: action === "activate" },
          });
          return {
            ...base,
            ok: true,
            message:
              action === "activate" ? "Activated." : "Deactivated; their sessions were ended.",
          };
        case "addToGroup":
        case "removeFromGroup":
          return { ...base, ok: false, message: "Choose a group." };
        case "makeSuperuser":
        case "removeSuperuser":
          await withFreshSignIn(() =>
            client.mutate({
              mutation: SetSuperuserMutation,
              variables: { userId: user.id, superuser: action === "makeSuperuser" },
            }),
          );
          return {
            ...base,
            ok: true,
            message: action === "makeSuperuser" ? "Now a superuser." : "No longer a superuser.",
          };
      }
    } catch (err) {
      return { ...base, ok: false, message: errorMessage(err) || String(err) };
    }
  }

  /** Group membership changes in one request: all of the users or (on an error) none. */
  async function runGroup(action: ActionKey, users: UserFieldsFragment[], group: GroupRef) {
    const variables = { groupId: group.id, userIds: users.map((u) => u.id) };
    let message: string;
    let ok = true;
    try {
      if (action === "addToGroup") {
        await client.mutate({ mutation: AddGroupMembersMutation, variables });
        message = `In group ${group.name}.`;
      } else {
        await client.mutate({ mutation: RemoveGroupMembersMutation, variables });
        message = `Not in group ${group.name}.`;
      }
    } catch (err) {
      ok = false;
      message = errorMessage(err) || String(err);
    }
    return users.map((u) => ({ userId: u.id, username: u.username, ok, message }));
  }

  async function run(action: ActionKey, users: UserFieldsFragment[], group?: GroupRef) {
    setRunning(true);
    setLastAction(action);
    setResults([]);
    const out: RowResult[] = [];
    if (GROUP_ACTIONS.has(action)) {
      if (group) out.push(...(await runGroup(action, users, group)));
      setResults(out);
    } else
      for (const u of users) {
        out.push(await runOne(action, u));
        setResults([...out]);
      }
    setRunning(false);
    onDone();
    return out;
  }

  return {
    run,
    guard,
    error,
    setError,
    running,
    results,
    lastAction,
    loginUrls,
    dismissResults: () => setResults([]),
    dismissLoginUrl: (userId: string) =>
      setLoginUrls((prev) => prev.filter((p) => p.userId !== userId)),
  };
}
