import { afterAll, describe, expect, it } from "vitest";
import { createScratchDatabase, usingPostgres } from "./helpers/database.js";
import { type ServerProcess, spawnServer } from "./helpers/spawn-server.js";
import { type GqlResult, gqlRequest } from "./helpers/test-server.js";

const CREATE = `mutation($input: CreateUserInput!) { createUser(input: $input) { id username } }`;
const LIST = `query($after: String) { users(search: "dur", first: 100, after: $after) {
  totalCount edges { node { username } } pageInfo { hasNextPage endCursor } } }`;

// Limits for hangs only: two server starts (PGlite's ~3 s idle, far more on a loaded machine)
// and a stream of writes.
const START_LIMIT = 180_000;

/** Keeps creating users with 4 concurrent writers until the server stops answering. */
async function writeUntilDown(
  url: string,
  prefix: string,
  acknowledged: string[],
  onAcknowledged: () => void,
): Promise<string[]> {
  let n = 0;
  let down = false;
  const writer = async () => {
    while (!down) {
      const username = `dur-${prefix}-${n++}`;
      try {
        const r = await gqlRequest<{ createUser: { username: string } }>(url, CREATE, {
          input: { username, password: "correct horse battery", isActive: true },
        });
        if (r.data?.createUser?.username === username) {
          acknowledged.push(username);
          onAcknowledged();
        }
      } catch {
        down = true; // connection refused or reset: the server is gone
      }
    }
  };
  await Promise.all([writer(), writer(), writer(), writer()]);
  return acknowledged;
}

type UserPage = {
  users: {
    edges: { node: { username: string } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
};

async function allUsernames(url: string): Promise<Set<string>> {
  const names = new Set<string>();
  let after: string | null = null;
  for (;;) {
    const r: GqlResult<UserPage> = await gqlRequest<UserPage>(url, LIST, { after });
    expect(r.errors).toBeUndefined();
    for (const e of r.data!.users.edges) names.add(e.node.username);
    if (!r.data!.users.pageInfo.hasNextPage) return names;
    after = r.data!.users.pageInfo.endCursor;
  }
}

describe("durability: the server stopped during writes keeps every acknowledged row", () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c().catch(() => {});
  });

  async function env(): Promise<Record<string, string>> {
    if (!usingPostgres) return {};
    const db = await createScratchDatabase();
    cleanups.push(db.drop);
    return { DATABASE_URL: db.url };
  }

  it.each(["SIGTERM", "SIGKILL"] as const)(
    "%s mid-write, then restart",
    async (signal) => {
      const e = await env();
      let server: ServerProcess = await spawnServer(e, { timeoutMs: START_LIMIT });
      cleanups.push(() => server.stop());
      const acknowledged: string[] = [];
      let enough!: () => void;
      const twentyIn = new Promise<void>((resolve) => {
        enough = resolve;
      });
      const writing = writeUntilDown(server.url, signal.toLowerCase(), acknowledged, () => {
        if (acknowledged.length >= 20) enough();
      });
      // Signal mid-stream once enough writes are in, however busy the machine is (or at once
      // if the writers stopped early, which the assertion below reports).
      await Promise.race([twentyIn, writing]);
      server.kill(signal);
      const code = await server.exited;
      await writing;
      if (signal === "SIGTERM") expect(code).toBe(0);
      expect(acknowledged.length).toBeGreaterThanOrEqual(20);

      server = await spawnServer(e, { dataDir: server.dataDir, timeoutMs: START_LIMIT });
      const stored = await allUsernames(server.url);
      expect(acknowledged.filter((u) => !stored.has(u))).toEqual([]);
      expect(await server.stop()).toBe(0);
    },
    3 * START_LIMIT,
  );
});
