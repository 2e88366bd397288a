import { createContext, useContext } from "react";
import type { ServerInfoQuery, UserFieldsFragment } from "../gql/graphql";

export type ServerInfo = ServerInfoQuery["serverInfo"];
export type Viewer = UserFieldsFragment;

export interface Session {
  info: ServerInfo;
  /** The signed-in user (in auto-login mode: the default superuser), or null. */
  me: Viewer | null;
  /** Re-reads `me` after signing in or out. */
  refresh(): Promise<unknown>;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error("useSession outside SessionContext");
  return s;
}
