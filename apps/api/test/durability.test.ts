import { afterAll, describe, expect, it } from "vitest";
import { createScratchDatabase, usingPostgres } from "./helpers/database.js";
import { type ServerProcess, spawnServer } from "./helpers/spawn-server.js";
import { type GqlResult, gqlRequest } from "./helpers/test-server.js";

const CREATE = `mutation($input: CreateUserInput!) { createUser(input: $input) { id username } }`;
const LIST = `query($after: String) { users(search: "dur", first: 100, after: $after) {
  totalCount edges { node { username } } pageInfo { hasNextPage endCursor } } }`;

/** Keeps creating users with 4 concurrent writers until the server stops answering. */
async function writeUntilDown(
  url: string,
  prefix: string,
  acknowledged: string[],
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
        if (r.data?.createUser?.username === username) acknowledged.push(username);
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
      let server: ServerProcess = await spawnServer(e);
      cleanups.push(() => server.stop());
      const acknowledged: string[] = [];
      const writing = writeUntilDown(server.url, signal.toLowerCase(), acknowledged);
      // Signal mid-stream once enough writes are in, however busy the machine is.
      const t0 = Date.now();
      while (acknowledged.length < 20 && Date.now() - t0 < 60_000)
        await new Promise((r) => setTimeout(r, 50));
      server.kill(signal);
      const code = await server.exited;
      await writing;
      if (signal === "SIGTERM") expect(code).toBe(0);
      expect(acknowledged.length).toBeGreaterThanOrEqual(20);

      server = await spawnServer(e, { dataDir: server.dataDir });
      const stored = await allUsernames(server.url);
      expect(acknowledged.filter((u) => !stored.has(u))).toEqual([]);
      expect(await server.stop()).toBe(0);
    },
    120_000,
  );
});
