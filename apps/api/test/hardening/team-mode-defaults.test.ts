import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, SIGN_IN, signIn, startAuthenticatedServer } from "../accounts/accounts-helpers.js";
import { createScratchDatabase, usingPostgres } from "../helpers/database.js";
import {
  errorCode,
  startTestServer,
  type TestServer,
  type TestServerOptions,
} from "../helpers/test-server.js";

const SCHEMA = "{ __schema { queryType { name } } }";
const TYPE = `{ __type(name: "User") { name } }`;
const SLOW = 180_000;

describe("introspection in team mode", () => {
  let server: TestServer;
  let open: TestServer;
  beforeAll(async () => {
    [server, open] = await Promise.all([
      startAuthenticatedServer(),
      startAuthenticatedServer({ GATEHOUSE_INTROSPECTION: "true" }),
    ]);
  });
  afterAll(() => Promise.all([server?.close(), open?.close()]));

  it("is refused to anonymous callers, with the way out in the message", async () => {
    for (const q of [
      SCHEMA,
      TYPE,
      `query { serverInfo { authMode } ... on Query { __schema { types { name } } } }`,
    ]) {
      const r = await server.gql(q);
      expect(r.status, q).toBe(401);
      expect(errorCode(r), q).toBe("UNAUTHENTICATED");
      expect(r.errors?.[0]?.message, q).toContain("GATEHOUSE_INTROSPECTION=true");
      expect(r.data ?? null, q).toBeNull();
    }
    // __typename is not introspection; Apollo Client asks for it everywhere.
    const plain = await server.gql("{ serverInfo { __typename authMode } }");
    expect(plain.errors).toBeUndefined();
  });

  it("works for a signed-in user (the playground uses the console's session)", async () => {
    const { token } = await signIn(server, ADMIN.username, ADMIN.password);
    const r = await server.gql<{ __schema: { queryType: { name: string } } }>(
      SCHEMA,
      {},
      { token },
    );
    expect(r.data?.__schema.queryType.name).toBe("Query");
  });

  it("GATEHOUSE_INTROSPECTION=true opens it to everyone", async () => {
    const r = await open.gql<{ __type: { name: string } }>(TYPE);
    expect(r.errors).toBeUndefined();
    expect(r.data?.__type.name).toBe("User");
  });

  it("the audit log keeps no typed text for an unknown login", async () => {
    const typed = "correct horse battery staple";
    const failed = await server.gql(SIGN_IN, { u: typed, p: "not the password" });
    expect(errorCode(failed)).toBe("UNAUTHENTICATED");
    const rows: { detail: string | null }[] = await server.app.database.dataSource.query(
      `SELECT "detail" FROM "audit_events" WHERE "action" = 'session.sign_in_failed'`,
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.map((r) => r.detail)).toContain("unknown login");
    const anywhere: unknown[] = await server.app.database.dataSource.query(
      `SELECT 1 FROM "audit_events" WHERE "detail" ILIKE '%horse%'`,
    );
    expect(anywhere).toEqual([]);
  });

  it("nor when that unknown login is locked out", async () => {
    const typed = "Tr0ub4dor&3 typed into the wrong box";
    let code: string | undefined;
    for (let i = 0; i < 10 && code !== "RATE_LIMITED"; i++) {
      code = errorCode(await server.gql(SIGN_IN, { u: typed, p: "not the password" }));
    }
    expect(code).toBe("RATE_LIMITED");
    const rows: { detail: string }[] = await server.app.database.dataSource.query(
      `SELECT "detail" FROM "audit_events" WHERE "action" = 'rate_limit.locked'`,
    );
    expect(rows.map((r) => r.detail)).toContain(
      "sign-in locked for an unknown login from this address",
    );
    const anywhere: unknown[] = await server.app.database.dataSource.query(
      `SELECT 1 FROM "audit_events" WHERE "detail" ILIKE '%wrong box%'`,
    );
    expect(anywhere).toEqual([]);
  });
});

async function sharedDatabase(): Promise<{ opts: TestServerOptions; cleanup(): Promise<void> }> {
  if (usingPostgres) {
    const scratch = await createScratchDatabase();
    return { opts: { databaseUrl: scratch.url }, cleanup: scratch.drop };
  }
  const dataDir = mkdtempSync(join(tmpdir(), "gatehouse-default-user-"));
  return {
    opts: { dataDir },
    cleanup: async () => rmSync(dataDir, { recursive: true, force: true }),
  };
}

const DEFAULT_USER = `{ users(search: "default") { edges { node { id username isActive } } } }`;
const DEACTIVATIONS = `query($id: ID) { auditLog(action: "user.deactivated", targetId: $id) { edges { node { actorId detail } } } }`;

interface UserRow {
  id: string;
  username: string;
  isActive: boolean;
}

async function defaultUser(server: TestServer, token: string): Promise<UserRow> {
  const r = await server.gql<{ users: { edges: { node: UserRow }[] } }>(
    DEFAULT_USER,
    {},
    { token },
  );
  const row = r.data?.users.edges.map((e) => e.node).find((u) => u.username === "default");
  if (!row) throw new Error(`no default user: ${JSON.stringify(r)}`);
  return row;
}

describe("the auto-login user when team mode starts", () => {
  it(
    "is deactivated (audited), back in auto-login mode, and stays on once a superuser says so",
    async () => {
      const db = await sharedDatabase();
      const run = async <T>(team: boolean, fn: (s: TestServer) => Promise<T>): Promise<T> => {
        const s = team
          ? await startAuthenticatedServer({}, db.opts)
          : await startTestServer({}, db.opts);
        try {
          return await fn(s);
        } finally {
          await s.close();
        }
      };
      try {
        await run(false, async (s) => {
          const me = await s.gql<{ me: { username: string } }>("{ me { username } }");
          expect(me.data?.me.username).toBe("default");
        });
        const id = await run(true, async (s) => {
          const { token } = await signIn(s, ADMIN.username, ADMIN.password);
          const row = await defaultUser(s, token);
          expect(row.isActive).toBe(false);
          const audit = await s.gql<{ auditLog: { edges: { node: { detail: string } }[] } }>(
            DEACTIVATIONS,
            { id: row.id },
            { token },
          );
          expect(audit.errors).toBeUndefined();
          expect(audit.data?.auditLog.edges).toHaveLength(1);
          expect(audit.data?.auditLog.edges[0]?.node.detail).toContain("team mode");
          return row.id;
        });
        // Auto-login again: the deactivation made by team mode is undone, so it works.
        await run(false, async (s) => {
          const me = await s.gql<{ me: { username: string } }>("{ me { username } }");
          expect(me.data?.me.username).toBe("default");
        });
        await run(true, async (s) => {
          const { token } = await signIn(s, ADMIN.username, ADMIN.password);
          expect((await defaultUser(s, token)).isActive).toBe(false);
          const on = await s.gql(
            `mutation($id: ID!) { setActive(userId: $id, active: true) { isActive } }`,
            { id },
            { token },
          );
          expect(on.errors).toBeUndefined();
        });
        await run(true, async (s) => {
          const { token } = await signIn(s, ADMIN.username, ADMIN.password);
          expect((await defaultUser(s, token)).isActive).toBe(true);
        });
      } finally {
        await db.cleanup();
      }
    },
    SLOW,
  );
});
