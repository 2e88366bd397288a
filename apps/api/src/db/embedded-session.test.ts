import { mkdtempSync, rmSync } from "node:fs";
import { connect, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EmbeddedPostgres, startEmbeddedPostgres } from "./embedded.js";
import { serveSession } from "./embedded-session.mjs";

// PGlite takes ~3 s to start on an idle machine and far longer on a loaded one: one instance
// for the file, and limits that only a hang reaches.
const SLOW = 120_000;

/** Speaks just enough of the wire protocol to leave the session in the middle of things. */
class RawClient {
  private socket!: Socket;
  private received = Buffer.alloc(0);
  private waiters: Array<() => void> = [];

  static async open(url: string, applicationName: string): Promise<RawClient> {
    const c = new RawClient();
    const dir = new URL(url).searchParams.get("host") ?? "";
    c.socket = connect(`${dir}/.s.PGSQL.5432`);
    c.socket.on("data", (d) => {
      c.received = Buffer.concat([c.received, d]);
      for (const w of c.waiters.splice(0)) w();
    });
    c.socket.on("close", () => {
      for (const w of c.waiters.splice(0)) w();
    });
    await new Promise((r) => c.socket.once("connect", r));
    const params = Buffer.from(
      `user\0postgres\0database\0postgres\0application_name\0${applicationName}\0\0`,
    );
    const head = Buffer.alloc(8);
    head.writeInt32BE(8 + params.length, 0);
    head.writeInt32BE(196608, 4);
    c.socket.write(Buffer.concat([head, params]));
    await c.until("Z");
    return c;
  }

  send(type: string, body: string | Buffer = Buffer.alloc(0)): void {
    const b = typeof body === "string" ? Buffer.from(body) : body;
    const head = Buffer.alloc(5);
    head.write(type, 0, "latin1");
    head.writeInt32BE(b.length + 4, 1);
    this.socket.write(Buffer.concat([head, b]));
  }

  /** Waits for a backend message of `type`, dropping everything before it. */
  async until(type: string): Promise<void> {
    for (;;) {
      while (this.received.length >= 5) {
        const len = this.received.readInt32BE(1);
        if (this.received.length < 1 + len) break;
        const t = String.fromCharCode(this.received[0]!);
        this.received = this.received.subarray(1 + len);
        if (t === type) return;
      }
      if (this.socket.destroyed) throw new Error(`connection closed before ${type}`);
      await new Promise<void>((r) => this.waiters.push(r));
    }
  }

  destroy(): void {
    this.socket.destroy();
  }
}

describe("the embedded database's socket: one session, the owner's, fresh on every connection", () => {
  let embedded: EmbeddedPostgres;
  const warnings: string[] = [];
  beforeAll(async () => {
    embedded = await startEmbeddedPostgres("memory", { onWarning: (m) => warnings.push(m) });
    const setup = owner();
    await setup.connect();
    await setup.query("CREATE TABLE kept (v text)");
    await setup.end();
  }, SLOW);
  afterAll(() => embedded?.close());

  const owner = () =>
    new pg.Client({ connectionString: embedded.url, application_name: embedded.ownerName });
  const NAMED = { name: "gatehouse_probe", text: "SELECT count(*)::int AS n FROM kept" };

  it(
    "a reconnecting owner finds none of the last connection's state",
    async () => {
      const first = owner();
      await first.connect();
      await first.query(NAMED);
      await first.query("SET statement_timeout = 1234");
      await first.query("CREATE TEMP TABLE scratch (v int)");
      await first.query("SELECT pg_advisory_lock(42)");
      await first.query("BEGIN");
      await first.query("INSERT INTO kept VALUES ('uncommitted')");
      await first.end(); // mid-transaction, as a pool's idle drop or a crash leaves it

      const second = owner();
      await second.connect();
      try {
        // The same named statement again: "already exists" before the fix.
        expect((await second.query(NAMED)).rows).toEqual([{ n: 0 }]);
        expect((await second.query("SHOW statement_timeout")).rows).toEqual([
          { statement_timeout: "0" },
        ]);
        expect((await second.query("SELECT to_regclass('pg_temp.scratch') AS t")).rows).toEqual([
          { t: null },
        ]);
        expect((await second.query("SELECT pg_try_advisory_lock(42) AS got")).rows).toEqual([
          { got: true },
        ]);
        await second.query("SELECT pg_advisory_unlock(42)");
      } finally {
        await second.end();
      }
    },
    SLOW,
  );

  it(
    "a client that dies mid extended-protocol exchange (an error, no Sync) leaves nothing behind",
    async () => {
      const raw = await RawClient.open(embedded.url, embedded.ownerName);
      raw.send("Q", "BEGIN\0");
      await raw.until("Z");
      raw.send("Q", "INSERT INTO kept VALUES ('uncommitted')\0");
      await raw.until("Z");
      // Parse of broken SQL: the backend answers with an error and then skips until a Sync.
      raw.send("P", "\0SELEC nothing\0\0\0");
      await raw.until("E");
      raw.destroy();

      const next = owner();
      await next.connect();
      try {
        expect((await next.query(NAMED)).rows).toEqual([{ n: 0 }]);
      } finally {
        await next.end();
      }
    },
    SLOW,
  );

  it(
    "refuses an outside client with an error, before, while and after the owner is connected",
    async () => {
      const outsider = async () => {
        const c = new pg.Client({ connectionString: embedded.url });
        c.on("error", () => {});
        await expect(c.connect()).rejects.toThrow(/serves only the Gatehouse process/);
      };
      const before = warnings.length;
      await outsider(); // nobody holds the session
      const own = owner();
      await own.connect();
      try {
        await own.query("BEGIN");
        await own.query("INSERT INTO kept VALUES ('mine')");
        await outsider(); // the owner is in a transaction
        await own.query("COMMIT");
        expect((await own.query("SELECT v FROM kept")).rows).toEqual([{ v: "mine" }]);
        await outsider(); // between the owner's statements
        expect((await own.query(NAMED)).rows).toEqual([{ n: 1 }]);
      } finally {
        await own.query("DELETE FROM kept");
        await own.end();
      }
      expect(warnings.length - before).toBe(3);
      expect(warnings.at(-1)).toMatch(/refused an outside client/);
    },
    SLOW,
  );

  it(
    "a new owner connection replaces a stale one at once (a reconnect is never refused)",
    async () => {
      const stale = owner();
      const staleErrors: Error[] = [];
      stale.on("error", (e) => staleErrors.push(e));
      await stale.connect();
      await stale.query("BEGIN");
      await stale.query("INSERT INTO kept VALUES ('stale')");
      const fresh = owner();
      await fresh.connect();
      try {
        expect((await fresh.query(NAMED)).rows).toEqual([{ n: 0 }]);
        await expect(stale.query("SELECT 1")).rejects.toThrow();
      } finally {
        await fresh.end();
      }
    },
    SLOW,
  );
});

describe("whenIdle: the thread's own work on the session (a backup, say)", () => {
  it(
    "waits for the owner's open transaction to end, and has PGlite's own query API",
    async () => {
      const dir = mkdtempSync(join(tmpdir(), "gatehouse-session-test-"));
      const db = await PGlite.create();
      const session = await serveSession({
        db,
        socketPath: join(dir, ".s.PGSQL.5432"),
        ownerName: "the-owner",
        warn: () => {},
      });
      const client = new pg.Client({
        host: dir,
        user: "postgres",
        database: "postgres",
        application_name: "the-owner",
      });
      try {
        await client.connect();
        await client.query("CREATE TABLE t (v int)");
        await client.query("BEGIN");
        await client.query("INSERT INTO t VALUES (1)");
        const order: string[] = [];
        const task = session.whenIdle(async () => {
          order.push("task");
          return (await db.query<{ n: number }>("SELECT count(*)::int AS n FROM t")).rows[0]?.n;
        });
        await client.query("INSERT INTO t VALUES (2)");
        order.push("second insert");
        await client.query("COMMIT");
        // It ran after the commit, not between the two inserts, and saw both rows.
        expect(await task).toBe(2);
        expect(order).toEqual(["second insert", "task"]);
        // The owner's connection is untouched by the task's statements.
        expect((await client.query("SELECT count(*)::int AS n FROM t")).rows).toEqual([{ n: 2 }]);
      } finally {
        await client.end().catch(() => {});
        await session.stop();
        await db.close();
        rmSync(dir, { recursive: true, force: true });
      }
    },
    SLOW,
  );
});
