import type pg from "pg";

/** The channel the triggers of migration 1796000001100 notify on. */
export const AUTH_CHANGED_CHANNEL = "gatehouse_auth_changed";

type ChangeListener = (payload: string) => void;
type StateListener = (listening: number) => void;

/**
 * Every connection of the app's pool LISTENs on the auth channel, and what it hears lands here.
 * Why on the pool's connections and not only on a dedicated one: PostgreSQL hands a session its
 * own notifications in the answer to the COMMIT, before the statement's promise resolves. So
 * a revocation made by this process has cleared the cache before the code that made it goes
 * on, and "the next request on the same instance" is exact, not "a few milliseconds later".
 * On the embedded database (one session, one connection) this is the only path there is, and it
 * sees every write: nothing but this process can reach PGlite. Other instances and psql are heard
 * by the dedicated listener (features/forward-auth/auth-listener.ts).
 */
export class AuthChangeFeed {
  private readonly changes = new Set<ChangeListener>();
  private readonly states = new Set<StateListener>();
  /** Pool connections whose LISTEN succeeded and that have not ended since. */
  private listeningConnections = 0;

  /** pg-pool's onConnect hook: runs on each new connection before anyone gets to use it. */
  readonly onConnect = async (client: pg.ClientBase): Promise<void> => {
    client.on("notification", (m) => {
      if (m.channel === AUTH_CHANGED_CHANNEL) this.publish(m.payload ?? "*");
    });
    try {
      await client.query(`LISTEN ${AUTH_CHANGED_CHANNEL}`);
    } catch {
      // The connection still serves queries; the cache just cannot count on it (see listening).
      return;
    }
    this.setListening(this.listeningConnections + 1);
    client.once("end", () => this.setListening(this.listeningConnections - 1));
  };

  /** Pool connections that hear changes right now. */
  get listening(): number {
    return this.listeningConnections;
  }

  publish(payload: string): void {
    for (const fn of this.changes) fn(payload);
  }

  onChange(fn: ChangeListener): () => void {
    this.changes.add(fn);
    return () => this.changes.delete(fn);
  }

  /** Told whenever the number of listening pool connections changes. */
  onListening(fn: StateListener): () => void {
    this.states.add(fn);
    return () => this.states.delete(fn);
  }

  private setListening(n: number): void {
    this.listeningConnections = n;
    for (const fn of this.states) fn(n);
  }
}
