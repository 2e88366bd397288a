import { randomUUID } from "node:crypto";
import type { DataSource } from "typeorm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../../../test/helpers/test-server.js";
import type { Viewer } from "../../http/request.js";
import { AppAccessService } from "./app-access.service.js";

const DECLARED = JSON.stringify([
  { name: "Declared Chat", hosts: ["chat.example.com"], access: "GROUPS", groups: ["Chatters"] },
]);

async function user(ds: DataSource, opts: { superuser?: boolean; active?: boolean } = {}) {
  const name = `acc-${randomUUID().slice(0, 12)}`;
  const [row] = (await ds.query(
    `INSERT INTO users (username, username_key, is_active, is_superuser) VALUES ($1, $1, $2, $3) RETURNING id`,
    [name, opts.active ?? true, opts.superuser ?? false],
  )) as { id: string }[];
  const viewer: Viewer = {
    userId: row!.id,
    username: name,
    isSuperuser: opts.superuser ?? false,
    sessionId: null,
    autoLogin: false,
  };
  return viewer;
}

async function group(ds: DataSource, name: string, members: Viewer[]): Promise<string> {
  const [g] = (await ds.query(
    `INSERT INTO groups (name, name_key) VALUES ($1::varchar, lower($1::varchar))
     ON CONFLICT (name_key) DO UPDATE SET name = EXCLUDED.name RETURNING id`,
    [name],
  )) as { id: string }[];
  for (const m of members) {
    await ds.query(`INSERT INTO group_members (group_id, user_id) VALUES ($1, $2)`, [
      g!.id,
      m.userId,
    ]);
  }
  return g!.id;
}

const at = (hostname: string, port: number | null = null) => ({ hostname, port });

describe("forward-auth decisions (AppAccessService.decide)", () => {
  let server: TestServer;
  let ds: DataSource;
  let access: AppAccessService;
  let root: Viewer;
  let alice: Viewer;
  let bob: Viewer;
  let engId: string;
  let opsId: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    server = await startTestServer({ GATEHOUSE_APPS: DECLARED });
    ds = server.app.database.dataSource;
    access = server.app.services.appAccess;
    root = await user(ds, { superuser: true });
    alice = await user(ds);
    bob = await user(ds);
    engId = await group(ds, "Engineering", [alice]);
    opsId = await group(ds, "Ops", [alice, bob]);
    await group(ds, "Chatters", [bob]);
    const apps = server.app.services.apps;
    const mk = async (name: string, hosts: string[], a: string, groupNames: string[] = []) => {
      ids[name] = (
        await apps.create({ name, hosts, access: a as never, groupNames }, root.userId)
      ).id;
    };
    await mk("All", ["all.example.com"], "ALL_USERS");
    await mk("Admin", ["admin.example.com"], "SUPERUSERS");
    await mk("Eng", ["eng.example.com"], "GROUPS", ["engineering"]);
    await mk("Wild", ["*.tools.example.com"], "ALL_USERS");
    await mk("Exact", ["build.tools.example.com"], "SUPERUSERS");
    await mk("Ported", ["*.tools.example.com:8443"], "GROUPS", ["ops"]);
  });
  afterAll(() => server?.close());

  it("ALL_USERS admits every active user and hands over their group names", async () => {
    expect(await access.decide(alice, at("all.example.com"))).toEqual({
      outcome: "allow",
      app: { id: ids.All, name: "All" },
      groups: ["Engineering", "Ops"],
    });
    expect((await access.decide(bob, at("ALL.example.com", 8080))).outcome).toBe("allow");
  });

  it("SUPERUSERS admits superusers only", async () => {
    expect((await access.decide(root, at("admin.example.com"))).outcome).toBe("allow");
    expect(await access.decide(alice, at("admin.example.com"))).toEqual({
      outcome: "deny",
      app: { id: ids.Admin, name: "Admin" },
      reason: "superusers_only",
    });
  });

  it("GROUPS admits members of a listed group; membership changes bite at once", async () => {
    expect((await access.decide(alice, at("eng.example.com"))).outcome).toBe("allow");
    expect(await access.decide(bob, at("eng.example.com"))).toMatchObject({
      outcome: "deny",
      reason: "not_in_group",
    });
    await ds.query(`INSERT INTO group_members (group_id, user_id) VALUES ($1, $2)`, [
      engId,
      bob.userId,
    ]);
    expect((await access.decide(bob, at("eng.example.com"))).outcome).toBe("allow");
    await ds.query(`DELETE FROM group_members WHERE group_id = $1 AND user_id = $2`, [
      engId,
      bob.userId,
    ]);
    expect((await access.decide(bob, at("eng.example.com"))).outcome).toBe("deny");
  });

  it("declared apps match their groups by name", async () => {
    expect(await access.decide(bob, at("chat.example.com"))).toMatchObject({
      outcome: "allow",
      app: { id: "config:declared-chat", name: "Declared Chat" },
    });
    expect((await access.decide(alice, at("chat.example.com"))).outcome).toBe("deny");
  });

  it("the most specific host wins: exact before wildcard, with port before without", async () => {
    expect((await access.decide(alice, at("docs.tools.example.com"))).app?.name).toBe("Wild");
    expect((await access.decide(alice, at("build.tools.example.com"))).app?.name).toBe("Exact");
    expect((await access.decide(alice, at("build.tools.example.com", 8443))).app?.name).toBe(
      "Exact",
    );
    expect((await access.decide(alice, at("docs.tools.example.com", 8443))).app?.name).toBe(
      "Ported",
    );
    // The wildcard never covers the bare domain or a deeper name.
    expect((await access.decide(alice, at("tools.example.com"))).app).toBeNull();
    expect((await access.decide(alice, at("a.b.tools.example.com"))).app).toBeNull();
  });

  it("an inactive user is denied, whatever the rule", async () => {
    const gone = await user(ds, { active: false });
    expect(await access.decide(gone, at("all.example.com"))).toEqual({
      outcome: "deny",
      app: null,
      reason: "inactive",
    });
    await ds.query(`UPDATE users SET is_active = false WHERE id = $1`, [bob.userId]);
    expect((await access.decide(bob, at("all.example.com"))).outcome).toBe("deny");
    await ds.query(`UPDATE users SET is_active = true WHERE id = $1`, [bob.userId]);
  });

  it("an API key's app scope and group scope narrow what its user may do", async () => {
    const key = (appIds: string[] | null, groupIds: string[] | null): Viewer => ({
      ...alice,
      apiKey: { id: randomUUID(), appIds, groupIds },
    });
    expect((await access.decide(key([ids.All!], null), at("all.example.com"))).outcome).toBe(
      "allow",
    );
    expect(await access.decide(key([ids.All!], null), at("eng.example.com"))).toMatchObject({
      outcome: "deny",
      reason: "key_scope",
    });
    expect(await access.decide(key([ids.All!], null), at("nowhere.example.net"))).toMatchObject({
      outcome: "deny",
      app: null,
      reason: "key_scope",
    });
    // Scoped to Ops only: Engineering does not count, and is not handed to the app.
    expect(await access.decide(key(null, [opsId]), at("eng.example.com"))).toMatchObject({
      outcome: "deny",
      reason: "not_in_group",
    });
    expect(await access.decide(key(null, [opsId]), at("all.example.com"))).toMatchObject({
      outcome: "allow",
      groups: ["Ops"],
    });
  });

  it("decisions arriving together (one shared statement) each get their own answer", async () => {
    const asked: [Viewer, string][] = [
      [alice, "eng.example.com"],
      [bob, "eng.example.com"],
      [root, "admin.example.com"],
      [alice, "admin.example.com"],
      [bob, "chat.example.com"],
      [alice, "docs.tools.example.com"],
    ];
    const answers = await Promise.all(asked.map(([v, h]) => access.decide(v, at(h))));
    expect(answers.map((a) => a.outcome)).toEqual([
      "allow",
      "deny",
      "allow",
      "deny",
      "allow",
      "allow",
    ]);
    expect(answers.map((a) => a.app?.name)).toEqual([
      "Eng",
      "Eng",
      "Admin",
      "Admin",
      "Declared Chat",
      "Wild",
    ]);
  });

  it("an unregistered host is denied once apps exist (unset default)", async () => {
    expect(await access.decide(alice, at("unknown.example.org"))).toEqual({
      outcome: "deny",
      app: null,
      reason: "unregistered_host",
    });
    expect(await access.isAppHost(at("x.tools.example.com"))).toBe(true);
    expect(await access.isAppHost(at("chat.example.com"))).toBe(true);
    expect(await access.isAppHost(at("unknown.example.org"))).toBe(false);
  });

  it("GATEHOUSE_FORWARD_AUTH_DEFAULT decides unregistered hosts; unset allows while no app exists", async () => {
    const explicitAllow = new AppAccessService(ds, [], "allow");
    expect(await explicitAllow.decide(alice, at("unknown.example.org"))).toEqual({
      outcome: "allow",
      app: null,
      groups: ["Engineering", "Ops"],
    });
    const explicitDeny = new AppAccessService(ds, [], "deny");
    expect((await explicitDeny.decide(alice, at("unknown.example.org"))).outcome).toBe("deny");
  });
});

describe("the unset default with no apps at all", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({});
  });
  afterAll(() => server?.close());

  it("allows any active user until the first app is registered, then denies", async () => {
    const ds = server.app.database.dataSource;
    const access = server.app.services.appAccess;
    const alice = await user(ds);
    expect((await access.decide(alice, at("anything.example.com"))).outcome).toBe("allow");
    const app = await server.app.services.apps.create(
      { name: "First", hosts: ["first.example.com"], access: "ALL_USERS" },
      alice.userId,
    );
    expect(await access.decide(alice, at("anything.example.com"))).toMatchObject({
      outcome: "deny",
      reason: "unregistered_host",
    });
    // Another instance on the same database sees the same at once (nothing cached).
    const other = new AppAccessService(ds, [], null);
    expect((await other.decide(alice, at("anything.example.com"))).outcome).toBe("deny");
    await server.app.services.apps.delete(app.id, alice.userId);
    expect((await access.decide(alice, at("anything.example.com"))).outcome).toBe("allow");
  });
});
