import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.js";
import { loadConfig } from "../../src/config/config.js";
import { ConfigError } from "../../src/config/config-error.js";
import { AccountBootstrap } from "../../src/features/users/user-bootstrap.js";
import { createScratchDatabase, usingPostgres } from "../helpers/database.js";
import { testHashingOverrides } from "../helpers/password-hashing.js";
import { memoryTemplate, startTestServer, type TestServer } from "../helpers/test-server.js";
import { ADMIN, createUser, signIn, startAuthenticatedServer } from "./accounts-helpers.js";

/** One database (scratch PostgreSQL or a PGlite folder) that several servers can take turns on. */
async function sharedDatabase() {
  if (usingPostgres) {
    const scratch = await createScratchDatabase();
    return {
      opts: { databaseUrl: scratch.url },
      env: { DATABASE_URL: scratch.url },
      cleanup: scratch.drop,
    };
  }
  const dataDir = mkdtempSync(join(tmpdir(), "gatehouse-boot-"));
  return {
    opts: { dataDir },
    env: { GATEHOUSE_DATA_DIR: dataDir },
    cleanup: async () => rmSync(dataDir, { recursive: true, force: true }),
  };
}

/** What appWithLog's callers pass to createApp: bootstrap is tested here, not hashing. */
const overrides = testHashingOverrides();

/** createApp with a logger whose lines the test can read; never listens. */
async function appWithLog(env: Record<string, string>) {
  const lines: string[] = [];
  const logger = pino(
    { level: "info" },
    new Writable({
      write(chunk, _enc, cb) {
        lines.push(String(chunk));
        cb();
      },
    }),
  );
  const dataDir = mkdtempSync(join(tmpdir(), "gatehouse-boot-"));
  const scratch = usingPostgres ? await createScratchDatabase() : undefined;
  const config = loadConfig({
    GATEHOUSE_DATA_DIR: dataDir,
    ...(scratch ? { DATABASE_URL: scratch.url } : {}),
    ...env,
  });
  const cleanup = async () => {
    await scratch?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  return { config, lines, logger, cleanup, memory: !scratch };
}

const ME = "{ me { username isSuperuser } }";

const SLOW = 120_000;

describe("auto-login mode", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.close());

  it(
    "acts as the default superuser without credentials, and says so in serverInfo",
    async () => {
      const r = await server.gql<{
        serverInfo: { authMode: string };
        me: { username: string; isSuperuser: boolean };
      }>(`{ serverInfo { authMode } me { username isSuperuser } }`);
      expect(r.data?.serverInfo.authMode).toBe("AUTO_LOGIN");
      expect(r.data?.me).toEqual({ username: "default", isSuperuser: true });
      expect((await server.gql("{ users { totalCount } }")).errors).toBeUndefined();
    },
    SLOW,
  );

  it(
    "still signs in other users, whose token then wins over auto-login",
    async () => {
      await server.gql(
        `mutation { createUser(input: { username: "guest", password: "guest-password", isActive: true }) { id } }`,
      );
      const s = await signIn(server, "guest", "guest-password");
      const me = await server.gql<{ me: { username: string; isSuperuser: boolean } }>(
        ME,
        {},
        { token: s.token },
      );
      expect(me.data?.me).toEqual({ username: "guest", isSuperuser: false });
      // A bad Bearer token is not silently upgraded to the default superuser.
      const bad = await server.gql<{ me: null }>(ME, {}, { token: "B".repeat(43) });
      expect(bad.data?.me).toBeNull();
    },
    SLOW,
  );

  it(
    "refuses a non-loopback bind unless GATEHOUSE_ALLOW_REMOTE_AUTO_LOGIN=true, which warns",
    async () => {
      const refused = await appWithLog({ GATEHOUSE_HOST: "0.0.0.0" });
      try {
        const err = await createApp(refused.config, {
          logger: refused.logger,
          memoryDatabase: refused.memory,
          memoryDatabaseTemplate: memoryTemplate(),
          overrides,
        }).catch((e) => e);
        expect(err).toBeInstanceOf(ConfigError);
        expect(err.message).toContain("GATEHOUSE_ALLOW_REMOTE_AUTO_LOGIN=true");
        expect(err.message).not.toContain("\n");
      } finally {
        await refused.cleanup();
      }
      const allowed = await appWithLog({
        GATEHOUSE_HOST: "0.0.0.0",
        GATEHOUSE_ALLOW_REMOTE_AUTO_LOGIN: "true",
      });
      try {
        const app = await createApp(allowed.config, {
          logger: allowed.logger,
          memoryDatabase: allowed.memory,
          memoryDatabaseTemplate: memoryTemplate(),
          overrides,
        });
        await app.close();
        const warnings = allowed.lines.map((l) => JSON.parse(l)).filter((l) => l.level === 40);
        expect(warnings.map((w) => w.msg)).toContainEqual(
          expect.stringMatching(/anyone who can reach this port is a superuser/),
        );
      } finally {
        await allowed.cleanup();
      }
    },
    SLOW,
  );
});

describe("start-up without auto-login", () => {
  it(
    "refuses to start with no superuser and no way to create one, naming the fix",
    async () => {
      const env = await appWithLog({ GATEHOUSE_AUTO_LOGIN: "false" });
      try {
        const err = await createApp(env.config, {
          logger: env.logger,
          memoryDatabase: env.memory,
          memoryDatabaseTemplate: memoryTemplate(),
          overrides,
        }).catch((e) => e);
        expect(err).toBeInstanceOf(ConfigError);
        expect(err.message).toContain("GATEHOUSE_SUPERUSER");
        expect(err.message).toContain("GATEHOUSE_SUPERUSER_PASSWORD");
        expect(err.message).toContain("gatehouse superuser");
      } finally {
        await env.cleanup();
      }
    },
    SLOW,
  );

  it(
    "creates the env superuser once; a restart with another password does not overwrite it",
    async () => {
      const db = await sharedDatabase();
      try {
        const first = await startAuthenticatedServer({}, db.opts);
        expect(first.config.superuser?.password).toBeUndefined();
        await first.close();
        const second = await startAuthenticatedServer(
          { GATEHOUSE_SUPERUSER_PASSWORD: "a-different-password" },
          db.opts,
        );
        try {
          const s = await signIn(second, ADMIN.username, ADMIN.password);
          const wrong = await second.gql(
            `mutation { signIn(username: "admin", password: "a-different-password") { token } }`,
          );
          expect(wrong.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
          const log = await second.gql<{ auditLog: { edges: unknown[] } }>(
            `{ auditLog(action: "superuser.bootstrapped") { edges { cursor } } }`,
            {},
            { token: s.token },
          );
          expect(log.data?.auditLog.edges).toHaveLength(1);
        } finally {
          await second.close();
        }
      } finally {
        await db.cleanup();
      }
    },
    SLOW,
  );

  it(
    "creates the env superuser exactly once when two instances start at the same time",
    async () => {
      if (usingPostgres) {
        const scratch = await createScratchDatabase();
        try {
          // Both start on an empty database: migrations and the bootstrap race each other.
          const servers = await Promise.all([
            startAuthenticatedServer({}, { databaseUrl: scratch.url }),
            startAuthenticatedServer({}, { databaseUrl: scratch.url }),
          ]);
          const rows = await servers[0].app.services.dataSource.query(
            `SELECT count(*)::int AS n FROM users WHERE username_key = 'admin'`,
          );
          expect(rows[0].n).toBe(1);
          const events = await servers[1].app.services.dataSource.query(
            `SELECT count(*)::int AS n FROM audit_events WHERE action = 'superuser.bootstrapped'`,
          );
          expect(events[0].n).toBe(1);
          await signIn(servers[1], ADMIN.username, ADMIN.password);
          await Promise.all(servers.map((s) => s.close()));
        } finally {
          await scratch.drop();
        }
        return;
      }
      // PGlite is one process's database: race two bootstraps through the service instead.
      const server = await startAuthenticatedServer();
      try {
        const { services } = server.app;
        const runs = [0, 1].map(() => {
          const config = {
            ...services.config,
            superuser: { username: "twin", password: "twin-harbour-lantern" },
          };
          return new AccountBootstrap({ ...services, config }).bootstrapEnvSuperuser();
        });
        expect((await Promise.all(runs)).sort()).toEqual(["created", "exists"]);
        await signIn(server, "twin", "twin-harbour-lantern");
      } finally {
        await server.close();
      }
    },
    SLOW,
  );

  it(
    "turning auto-login off later keeps every account",
    async () => {
      const db = await sharedDatabase();
      try {
        const auto = await startTestServer({}, db.opts);
        await auto.gql(
          `mutation { createUser(input: { username: "keeper", password: "keeper-password", isActive: true }) { id } }`,
        );
        await auto.close();
        const strict = await startAuthenticatedServer({}, db.opts);
        try {
          await signIn(strict, "keeper", "keeper-password");
          const anon = await strict.gql<{ me: null }>(ME);
          expect(anon.data?.me).toBeNull();
        } finally {
          await strict.close();
        }
      } finally {
        await db.cleanup();
      }
    },
    SLOW,
  );

  it(
    "createUser follows GATEHOUSE_NEW_USER_IS_ACTIVE when isActive is omitted",
    async () => {
      const server = await startAuthenticatedServer({ GATEHOUSE_NEW_USER_IS_ACTIVE: "true" });
      try {
        const admin = (await signIn(server, ADMIN.username, ADMIN.password)).token;
        await createUser(server, admin, { username: "eager", password: "eager-password" });
        await signIn(server, "eager", "eager-password");
      } finally {
        await server.close();
      }
    },
    SLOW,
  );
});

describe("GATEHOUSE_SUPERUSER naming an account that is not a superuser", () => {
  it(
    "is not promoted at start-up; a warning says so and points at --promote",
    async () => {
      const db = await sharedDatabase();
      try {
        const first = await startAuthenticatedServer({}, db.opts);
        try {
          const admin = (await signIn(first, ADMIN.username, ADMIN.password)).token;
          await createUser(first, admin, {
            username: "nightowl",
            password: "nightowl-password",
            email: "nightowl@elsewhere.example",
            isActive: true,
          });
        } finally {
          await first.close();
        }
        const lines: string[] = [];
        const logger = pino(
          { level: "info" },
          new Writable({
            write(chunk, _enc, cb) {
              lines.push(String(chunk));
              cb();
            },
          }),
        );
        const config = loadConfig({
          ...db.env,
          GATEHOUSE_AUTO_LOGIN: "false",
          GATEHOUSE_SUPERUSER: "nightowl",
          GATEHOUSE_SUPERUSER_PASSWORD: "operator-password-1",
          GATEHOUSE_PORT: "0",
        });
        const app = await createApp(config, { logger });
        try {
          const rows: { is_superuser: boolean }[] = await app.services.dataSource.query(
            `SELECT "is_superuser" FROM "users" WHERE "username_key" = 'nightowl'`,
          );
          expect(rows[0]?.is_superuser).toBe(false);
        } finally {
          await app.close();
        }
        const warnings = lines.map((l) => JSON.parse(l)).filter((l) => l.level === 40);
        expect(warnings.map((w) => w.msg)).toContainEqual(
          expect.stringMatching(/"nightowl" exists but is not a superuser.*--promote/),
        );
      } finally {
        await db.cleanup();
      }
    },
    SLOW,
  );
});
