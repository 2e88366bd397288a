import type { Pool, PoolClient } from "pg";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, signIn, startAuthenticatedServer } from "../../test/accounts/accounts-helpers.js";
import { usingPostgres } from "../../test/helpers/database.js";
import type { TestServer } from "../../test/helpers/test-server.js";

// Limits for hangs only: PGlite's start is slow on a busy machine, and every wait is for an event.
const SLOW = 120_000;
const ME = `{ me { username } }`;

describe("signed-in requests survive every reconnect to the database", () => {
  let server: TestServer;
  let token: string;
  beforeAll(async () => {
    server = await startAuthenticatedServer();
    token = (await signIn(server, ADMIN.username, ADMIN.password)).token;
  }, SLOW);
  afterAll(() => server?.close());

  const pool = (): Pool => server.app.services.sessions.pool();
  const readyz = async () => (await fetch(`${server.url}/readyz`)).status;
  async function expectSignedIn(): Promise<void> {
    const r = await server.gql<{ me: { username: string } }>(ME, undefined, { token });
    expect(r.errors).toBeUndefined();
    expect(r.status).toBe(200);
    expect(r.data?.me.username).toBe(ADMIN.username);
  }
  /** Every connection the pool holds, taken out at once (idle ones are handed out first). */
  const takeAll = (p: Pool): Promise<PoolClient[]> =>
    Promise.all(Array.from({ length: p.totalCount }, () => p.connect()));
  /** Resolves once the pool holds no connection at all. */
  const emptied = (p: Pool) =>
    new Promise<void>((resolve) => {
      const check = () => {
        if (p.totalCount > 0) return;
        p.off("remove", check);
        resolve();
      };
      p.on("remove", check);
      check();
    });

  it(
    "after the pool has dropped its idle connections (the server left idle past every timeout)",
    async () => {
      await expectSignedIn(); // the named session look-up is now prepared on the connection
      const p = pool();
      const configured = p.options.idleTimeoutMillis;
      // What 30 idle seconds did in production, without waiting for them: every connection
      // goes back to the pool with a short idle timeout, and the pool closes it.
      p.options.idleTimeoutMillis = 20;
      try {
        const gone = emptied(p);
        for (const c of await takeAll(p)) c.release();
        await gone;
      } finally {
        p.options.idleTimeoutMillis = configured;
      }
      await expectSignedIn();
      await expectSignedIn();
      expect(await readyz()).toBe(200);
    },
    SLOW,
  );

  it(
    "after its connection is killed mid-session (no goodbye, as in a crash)",
    async () => {
      await expectSignedIn();
      const p = pool();
      const gone = emptied(p);
      for (const c of await takeAll(p)) {
        // A setting and an open transaction that a stale session would carry over.
        await c.query("SET statement_timeout = 1");
        await c.query("BEGIN");
        (
          c as unknown as { connection: { stream: { destroy(): void } } }
        ).connection.stream.destroy();
        c.release(true);
      }
      await gone;
      await expectSignedIn();
      expect(await readyz()).toBe(200);
    },
    SLOW,
  );

  it.skipIf(!usingPostgres)(
    "after PostgreSQL itself ends the connections (pg_terminate_backend)",
    async () => {
      await expectSignedIn();
      const p = pool();
      const gone = emptied(p);
      const admin = new pg.Client({ connectionString: server.databaseUrl });
      await admin.connect();
      try {
        await admin.query(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid()`,
        );
      } finally {
        await admin.end();
      }
      await gone;
      await expectSignedIn();
    },
    SLOW,
  );

  it.skipIf(usingPostgres)(
    "an outside client on the embedded socket is refused; signed-in requests go on before, during and after",
    async () => {
      const url = server.app.database.embeddedUrl;
      expect(url).toMatch(/^postgres:\/\/.*\?host=/);
      const outsider = async () => {
        const c = new pg.Client({ connectionString: url });
        c.on("error", () => {});
        try {
          await c.connect();
          await c.query("SELECT 1");
          return "served";
        } catch (err) {
          return (err as Error).message;
        } finally {
          await c.end().catch(() => {});
        }
      };
      await expectSignedIn();
      const [refusal] = await Promise.all([
        outsider(),
        ...Array.from({ length: 5 }, () => expectSignedIn()),
      ]);
      expect(refusal).toMatch(/serves only the Gatehouse process that started it/);
      await expectSignedIn();
      // Also while the server holds no connection at all: the outsider cannot take the session.
      const p = pool();
      const gone = emptied(p);
      for (const c of await takeAll(p)) c.release(true);
      await gone;
      expect(await outsider()).toMatch(/serves only the Gatehouse process/);
      await expectSignedIn();
      expect(await readyz()).toBe(200);
    },
    SLOW,
  );

  it(
    "/readyz runs what signed-in requests run: 503 while they fail, 200 once they work again",
    async () => {
      await expectSignedIn();
      expect(await readyz()).toBe(200);
      const ds = server.app.database.dataSource;
      // The sessions table out of reach: SELECT 1 and the migrations table are still fine.
      await ds.query(`ALTER TABLE "sessions" RENAME TO "sessions_away"`);
      try {
        expect(await readyz()).toBe(503);
        const r = await server.gql(ME, undefined, { token });
        expect(r.errors?.[0]?.extensions?.code).toBe("INTERNAL_SERVER_ERROR");
      } finally {
        await ds.query(`ALTER TABLE "sessions_away" RENAME TO "sessions"`);
      }
      expect(await readyz()).toBe(200);
      await expectSignedIn();
    },
    SLOW,
  );
});
