import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { usingPostgres } from "../../../test/helpers/database.js";
import { errorCode, startTestServer, type TestServer } from "../../../test/helpers/test-server.js";

const FIELDS = `id name hosts access groupNames declared createdAt updatedAt`;
const LIST = `{ apps { ${FIELDS} } }`;
const GET = `query ($id: ID!) { app(id: $id) { ${FIELDS} } }`;
const CREATE = `mutation ($input: AppInput!) { createApp(input: $input) { ${FIELDS} } }`;
const UPDATE = `mutation ($id: ID!, $input: AppInput!) { updateApp(id: $id, input: $input) { ${FIELDS} } }`;
const DELETE = `mutation ($id: ID!) { deleteApp(id: $id) }`;

interface App {
  id: string;
  name: string;
  hosts: string[];
  access: string;
  groupNames: string[];
  declared: boolean;
}

const DECLARED = JSON.stringify([
  { name: "Team Chat", hosts: ["chat.example.com"], access: "GROUPS", groups: ["Chatters"] },
]);

describe("apps over GraphQL (auto-login superuser)", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ GATEHOUSE_APPS: DECLARED });
    await server.app.database.dataSource.query(
      `INSERT INTO groups (name, name_key) VALUES ('Engineering', 'engineering'), ('Ops', 'ops')`,
    );
  });
  afterAll(() => server?.close());

  it("creates, reads, updates and deletes a stored app, with an audit trail", async () => {
    const created = await server.gql<{ createApp: App }>(CREATE, {
      input: {
        name: "Wiki",
        hosts: ["Wiki.Example.com", "*.wiki.example.com:8443", "wiki.example.com"],
        access: "GROUPS",
        groupNames: ["engineering", "OPS"],
      },
    });
    expect(created.errors).toBeUndefined();
    const app = created.data!.createApp;
    expect(app).toMatchObject({
      name: "Wiki",
      hosts: ["wiki.example.com", "*.wiki.example.com:8443"],
      access: "GROUPS",
      groupNames: ["Engineering", "Ops"],
      declared: false,
    });

    const updated = await server.gql<{ updateApp: App }>(UPDATE, {
      id: app.id,
      input: {
        name: "Wiki 2",
        hosts: ["wiki.example.com"],
        access: "SUPERUSERS",
        groupNames: ["ops"],
      },
    });
    expect(updated.errors).toBeUndefined();
    expect(updated.data!.updateApp).toMatchObject({
      name: "Wiki 2",
      access: "SUPERUSERS",
      groupNames: [],
    });
    const got = await server.gql<{ app: App }>(GET, { id: app.id });
    expect(got.data!.app.name).toBe("Wiki 2");

    expect((await server.gql(DELETE, { id: app.id })).data).toEqual({ deleteApp: true });
    expect((await server.gql(DELETE, { id: app.id })).data).toEqual({ deleteApp: false });
    expect((await server.gql<{ app: App | null }>(GET, { id: app.id })).data!.app).toBeNull();

    const audit = (await server.app.database.dataSource.query(
      `SELECT action, detail FROM audit_events WHERE target_id = $1 ORDER BY id`,
      [app.id],
    )) as { action: string; detail: string }[];
    expect(audit.map((a) => a.action)).toEqual(["app.created", "app.updated", "app.deleted"]);
    expect(audit[0]!.detail).toContain("access=GROUPS groups=Engineering,Ops");
    expect(audit[1]!.detail).toContain("name=Wiki 2 access=SUPERUSERS");
  });

  it("refuses bad input with BAD_USER_INPUT naming the field", async () => {
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ name: " ", hosts: ["a.example.com"], access: "ALL_USERS" }, "name", /needs a name/],
      [{ name: "X", hosts: [], access: "ALL_USERS" }, "hosts", /at least one host/],
      [{ name: "X", hosts: ["http://a.example.com"], access: "ALL_USERS" }, "hosts", /scheme/],
      [{ name: "X", hosts: ["a.example.com/x"], access: "ALL_USERS" }, "hosts", /path/],
      [{ name: "X", hosts: ["*.com"], access: "ALL_USERS" }, "hosts", /two labels/],
      [
        { name: "X", hosts: ["a.example.com"], access: "GROUPS" },
        "groupNames",
        /at least one group/,
      ],
      [
        { name: "X", hosts: ["a.example.com"], access: "GROUPS", groupNames: ["nope"] },
        "groupNames",
        /No group named "nope"/,
      ],
    ];
    for (const [input, field, message] of cases) {
      const r = await server.gql(CREATE, { input });
      expect(errorCode(r), JSON.stringify(input)).toBe("BAD_USER_INPUT");
      expect(r.errors![0]!.extensions!.field).toBe(field);
      expect(r.errors![0]!.message).toMatch(message);
    }
  });

  it("a name (any case) and a host belong to one app only, declared ones included", async () => {
    const base = { hosts: ["one.example.com"], access: "ALL_USERS" };
    const first = await server.gql<{ createApp: App }>(CREATE, { input: { name: "One", ...base } });
    expect(first.errors).toBeUndefined();
    const sameName = await server.gql(CREATE, {
      input: { name: "ONE", hosts: ["two.example.com"], access: "ALL_USERS" },
    });
    expect(errorCode(sameName)).toBe("CONFLICT");
    const sameHost = await server.gql(CREATE, { input: { name: "Two", ...base } });
    expect(errorCode(sameHost)).toBe("CONFLICT");
    expect(sameHost.errors![0]!.message).toMatch(
      /one.example.com already belongs to the app "One"/,
    );
    const declaredHost = await server.gql(CREATE, {
      input: { name: "Two", hosts: ["CHAT.example.com"], access: "ALL_USERS" },
    });
    expect(declaredHost.errors![0]!.message).toMatch(/belongs to the app "Team Chat"/);
    const declaredName = await server.gql(CREATE, {
      input: { name: "team chat", hosts: ["x.example.com"], access: "ALL_USERS" },
    });
    expect(errorCode(declaredName)).toBe("CONFLICT");
    // Keeping its own hosts on update is not a conflict with itself.
    const kept = await server.gql(UPDATE, {
      id: first.data!.createApp.id,
      input: { name: "one", ...base },
    });
    expect(kept.errors).toBeUndefined();
    await server.gql(DELETE, { id: first.data!.createApp.id });
  });

  it("declared apps are listed, read-only, and their groups were created at start-up", async () => {
    const list = await server.gql<{ apps: App[] }>(LIST);
    const declared = list.data!.apps.find((a) => a.declared)!;
    expect(declared).toMatchObject({
      id: "config:team-chat",
      name: "Team Chat",
      hosts: ["chat.example.com"],
      access: "GROUPS",
      groupNames: ["Chatters"],
      createdAt: null,
    });
    const input = { name: "Team Chat", hosts: ["chat.example.com"], access: "ALL_USERS" };
    for (const r of [
      await server.gql(UPDATE, { id: declared.id, input }),
      await server.gql(DELETE, { id: declared.id }),
    ]) {
      expect(errorCode(r)).toBe("APP_DECLARED");
      expect(r.errors![0]!.message).toMatch(/edit GATEHOUSE_APPS/);
    }
    const groups = (await server.app.database.dataSource.query(
      `SELECT name FROM groups WHERE name_key = 'chatters'`,
    )) as { name: string }[];
    expect(groups).toEqual([{ name: "Chatters" }]);
  });

  it("an unknown id is null / NOT_FOUND", async () => {
    const id = randomUUID();
    expect((await server.gql<{ app: null }>(GET, { id })).data!.app).toBeNull();
    expect((await server.gql<{ app: null }>(GET, { id: "not-a-uuid" })).data!.app).toBeNull();
    const r = await server.gql(UPDATE, {
      id,
      input: { name: "Ghost", hosts: ["ghost.example.com"], access: "ALL_USERS" },
    });
    expect(errorCode(r)).toBe("NOT_FOUND");
  });
});

describe("apps are for superusers only", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      GATEHOUSE_AUTO_LOGIN: "false",
      GATEHOUSE_SUPERUSER: "root",
      GATEHOUSE_SUPERUSER_PASSWORD: "a long test password",
    });
  });
  afterAll(() => server?.close());

  it("anonymous and ordinary users are refused", async () => {
    expect(errorCode(await server.gql(LIST))).toBe("UNAUTHENTICATED");
    const ds = server.app.database.dataSource;
    const [u] = (await ds.query(
      `INSERT INTO users (username, username_key, is_active) VALUES ('plain', 'plain', true) RETURNING id`,
    )) as { id: string }[];
    const { token } = await server.app.services.sessions.start(u!.id, {
      ip: "127.0.0.1",
      userAgent: null,
      secure: false,
      bearerToken: null,
      sessionCookie: null,
    });
    expect(errorCode(await server.gql(LIST, {}, { token }))).toBe("FORBIDDEN");
    const create = await server.gql(
      CREATE,
      { input: { name: "X", hosts: ["x.example.com"], access: "ALL_USERS" } },
      { token },
    );
    expect(errorCode(create)).toBe("FORBIDDEN");
  });
});

describe("a declared app clashing with a stored one stops start-up", () => {
  it("with one ConfigError line naming both", async () => {
    // PGlite keeps its data in a folder (closed before the restart: one process per folder);
    // PostgreSQL shares the first server's scratch database.
    const dataDir = mkdtempSync(join(tmpdir(), "gatehouse-apps-"));
    const first = await startTestServer({}, usingPostgres ? {} : { dataDir });
    let firstOpen = true;
    try {
      for (const [name, host] of [
        ["Notes", "notes.example.com"],
        ["Board", "board.example.com"],
      ]) {
        const r = await first.gql(CREATE, { input: { name, hosts: [host], access: "ALL_USERS" } });
        expect(r.errors).toBeUndefined();
      }
      if (!usingPostgres) {
        await first.close();
        firstOpen = false;
      }
      const again = (apps: string) =>
        startTestServer(
          { GATEHOUSE_APPS: apps },
          usingPostgres ? { databaseUrl: first.databaseUrl } : { dataDir },
        );
      await expect(
        again('[{"name":"notes","hosts":["other.example.com"],"access":"ALL_USERS"}]'),
      ).rejects.toThrow(
        /^GATEHOUSE_APPS declares "notes", but an app of that name is registered[^\n]*$/,
      );
      await expect(
        again('[{"name":"Other","hosts":["board.example.com"],"access":"ALL_USERS"}]'),
      ).rejects.toThrow(/host board.example.com to "Other", but the registered app "Board"/);
    } finally {
      if (firstOpen) await first.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it("a bad GATEHOUSE_APPS stops start-up before anything opens", async () => {
    await expect(
      startTestServer({ GATEHOUSE_APPS: '[{"name":"Chat","hosts":["chat.example.com/"]}]' }),
    ).rejects.toThrow(/GATEHOUSE_APPS: entry 1 \("Chat"\): host "chat.example.com\/" has a path/);
  });
});
