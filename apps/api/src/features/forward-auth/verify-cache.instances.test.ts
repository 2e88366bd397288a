import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN } from "../../../test/accounts/accounts-helpers.js";
import {
  adminToken,
  person,
  revokeOwnSession,
  verifyStatus,
  warm,
} from "../../../test/forward-auth/support.js";
import { createScratchDatabase, usingPostgres } from "../../../test/helpers/database.js";
import { startTestServer, type TestServer } from "../../../test/helpers/test-server.js";
import { LISTENER_APPLICATION_NAME } from "./auth-listener.js";

const ENV = {
  GATEHOUSE_AUTO_LOGIN: "false",
  GATEHOUSE_SUPERUSER: ADMIN.username,
  GATEHOUSE_SUPERUSER_PASSWORD: ADMIN.password,
  GATEHOUSE_TRUST_PROXY: "127.0.0.1,::1",
};

/** Far longer than any test: asks again until `want`, failing only at this deadline. */
const DEADLINE_MS = 15_000;

/**
 * Waits for an event another process causes (a notification crossing PostgreSQL): asks again
 * each time the event loop comes round, never on a timer, until it holds or the deadline passes.
 */
async function until(what: string, check: () => Promise<boolean> | boolean): Promise<void> {
  const end = Date.now() + DEADLINE_MS;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`gave up waiting: ${what}`);
    await new Promise((r) => setImmediate(r));
  }
}

/** A connection of its own, as psql would be: not the pool of either instance. */
async function outside(url: string): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: url, application_name: "test-psql" });
  await c.connect();
  return c;
}

describe.skipIf(!usingPostgres)("/auth/verify's cache on PostgreSQL, across instances", () => {
  let db: { url: string; drop(): Promise<void> };
  let A: TestServer;
  let B: TestServer;
  let psql: pg.Client;
  let admin: string;

  beforeAll(async () => {
    db = await createScratchDatabase();
    A = await startTestServer(ENV, { databaseUrl: db.url });
    // B's listener, once killed, stays down for the rest of the file.
    B = await startTestServer(ENV, {
      databaseUrl: db.url,
      overrides: { authListenerRetryMs: 3_600_000 },
    });
    psql = await outside(db.url);
    admin = await adminToken(A);
  });
  afterAll(async () => {
    await psql?.end();
    await A?.close();
    await B?.close();
    await db?.drop();
  });

  it("refuses on the other instance as soon as the notification arrives", async () => {
    const ann = await person(A, admin, "inst-ann");
    expect(await warm(B, { cookie: ann.cookie })).toBe(200);
    await revokeOwnSession(A, ann.token);
    // Same instance: the very next request.
    expect(await verifyStatus(A, { cookie: ann.cookie })).toBe(401);
    await until("B refuses the revoked session", async () => {
      return (await verifyStatus(B, { cookie: ann.cookie })) === 401;
    });
  });

  it("refuses after a write made with psql, on both instances", async () => {
    const bo = await person(A, admin, "inst-bo");
    expect(await warm(A, { cookie: bo.cookie })).toBe(200);
    expect(await warm(B, { cookie: bo.cookie })).toBe(200);
    await psql.query(`UPDATE users SET is_active = false WHERE id = $1`, [bo.id]);
    for (const s of [A, B]) {
      await until("the deactivation reaches the instance", async () => {
        return (await verifyStatus(s, { cookie: bo.cookie })) === 401;
      });
    }
  });

  it("reads the database on every request while its listener is down", async () => {
    const cache = B.app.services.verify.cache;
    const cy = await person(A, admin, "inst-cy");
    expect(await warm(B, { cookie: cy.cookie })).toBe(200);
    const killed = await psql.query(
      `SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity
        WHERE application_name = $1 AND datname = current_database()`,
      [LISTENER_APPLICATION_NAME],
    );
    // Both instances' listeners were there; A's comes back, B's is kept down.
    expect(killed.rows.length).toBe(2);
    await until("B notices its listener is gone", () => !cache.live);
    const { hits, bypassed } = cache.stats;
    expect(await verifyStatus(B, { cookie: cy.cookie })).toBe(200);
    expect(cache.stats.bypassed).toBeGreaterThan(bypassed);
    await psql.query(`DELETE FROM sessions WHERE user_id = $1`, [cy.id]);
    // Nothing left for B to hear it with, and no waiting: the database answers.
    expect(await verifyStatus(B, { cookie: cy.cookie })).toBe(401);
    expect(cache.stats.hits).toBe(hits);
    // A reconnected on its own and serves from memory again.
    await until("A's listener is back", () => A.app.services.verify.cache.live);
    const di = await person(A, admin, "inst-di");
    expect(await warm(A, { cookie: di.cookie })).toBe(200);
  });
});
