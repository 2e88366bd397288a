import type { PGlite } from "@electric-sql/pglite";

export interface ServedSession {
  /**
   * Runs `fn` with PGlite to itself: no client statement runs and no transaction is open
   * until it settles. `db.query` and friends work inside it.
   */
  whenIdle<T>(fn: () => Promise<T> | T): Promise<T>;
  /** Ends every connection, lets the last reset finish, closes the socket. */
  stop(): Promise<void>;
}

export function serveSession(options: {
  db: PGlite;
  socketPath: string;
  ownerName: string;
  warn(message: string): void;
}): Promise<ServedSession>;
