import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { type EmbeddedPostgres, startEmbeddedPostgres } from "./embedded.js";

// PGlite takes ~3 s to start on an idle machine, many times that on a busy one (two starts
// here timed out at 30 s in CI): every wait below is for an event, and the limits are for hangs.
const SLOW = 180_000;

/** A client the socket serves: it carries the owner's name, as the server's pool does. */
const ownClient = (e: EmbeddedPostgres) =>
  new pg.Client({ connectionString: e.url, application_name: e.ownerName });

describe("embedded PostgreSQL (PGlite on its own thread)", () => {
  it(
    "runs SQL off the event loop: timers keep firing during a long statement",
    async () => {
      const embedded = await startEmbeddedPostgres("memory");
      const client = ownClient(embedded);
      try {
        await client.connect();
        let worstGap = 0;
        let last = performance.now();
        const timer = setInterval(() => {
          const now = performance.now();
          worstGap = Math.max(worstGap, now - last);
          last = now;
        }, 5);
        const t0 = performance.now();
        // Seconds of work inside PGlite (it would block the event loop on the main thread).
        const { rows } = await client.query(
          "SELECT count(*)::int AS n FROM generate_series(1, 1500000) g WHERE md5(g::text) LIKE '0%'",
        );
        const took = performance.now() - t0;
        clearInterval(timer);
        expect(rows[0].n).toBeGreaterThan(75_000);
        expect(took).toBeGreaterThan(300);
        // The statement ran for `took` ms; the event loop never waited anywhere near that long.
        // (No fixed cap: on a loaded machine the OS alone can pause the loop for a while.)
        expect(worstGap).toBeLessThan(took / 2);
      } finally {
        await client.end();
        await embedded.close();
      }
    },
    SLOW,
  );

  it(
    "keeps data in its directory across restarts, and cleans up its socket folder",
    async () => {
      const dir = mkdtempSync(join(tmpdir(), "gatehouse-embedded-test-"));
      try {
        const first = await startEmbeddedPostgres(dir);
        const socketDir = decodeURIComponent(new URL(first.url).searchParams.get("host") ?? "");
        const a = ownClient(first);
        await a.connect();
        await a.query("CREATE TABLE kept (v text); INSERT INTO kept VALUES ('still here')");
        await a.end();
        await first.close();
        expect(existsSync(socketDir)).toBe(false);
        const second = await startEmbeddedPostgres(dir);
        const b = ownClient(second);
        await b.connect();
        expect((await b.query("SELECT v FROM kept")).rows).toEqual([{ v: "still here" }]);
        await b.end();
        await second.close();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    SLOW,
  );

  it(
    "a data directory it cannot use fails start-up with a reason that names it",
    async () => {
      const dir = mkdtempSync(join(tmpdir(), "gatehouse-embedded-test-"));
      try {
        // A file where the database folder should be.
        writeFileSync(join(dir, "pg"), "not a directory");
        await expect(startEmbeddedPostgres(dir)).rejects.toThrow(join(dir, "pg"));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    SLOW,
  );
});
