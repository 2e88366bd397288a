import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  ADMIN,
  createUser,
  signIn,
  startAuthenticatedServer,
} from "../../../test/accounts/accounts-helpers.js";
import { errorCode, type TestServer } from "../../../test/helpers/test-server.js";

const FIELDS = "id name description memberCount createdAt";
const CREATE = `mutation($input: CreateGroupInput!) { createGroup(input: $input) { ${FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateGroupInput!) { updateGroup(id: $id, input: $input) { ${FIELDS} } }`;
const DELETE = `mutation($id: ID!) { deleteGroup(id: $id) }`;
const ADD = `mutation($g: ID!, $u: [ID!]!) { addGroupMembers(groupId: $g, userIds: $u) { id memberCount } }`;
const REMOVE = `mutation($g: ID!, $u: [ID!]!) { removeGroupMembers(groupId: $g, userIds: $u) { id memberCount } }`;
const LIST = `{ groups { ${FIELDS} } }`;
const GET = `query($id: ID!) { group(id: $id) { ${FIELDS} } }`;
const USERS = `query($g: ID, $search: String, $filter: UserFilter, $first: Int, $after: String) {
  users(groupId: $g, search: $search, filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { id username groups { name memberCount } } }
  }
}`;
const AUDIT = `query($action: String, $target: ID) {
  auditLog(action: $action, targetId: $target, first: 20) { edges { node { action actorId detail } } }
}`;
const NOBODY = "00000000-0000-4000-8000-000000000000";

type Group = { id: string; name: string; description: string; memberCount: number };
type UsersPage = {
  users: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { node: { id: string; username: string; groups: { name: string }[] } }[];
  };
};

describe("groups", () => {
  let server: TestServer;
  let admin: string;
  let adminId: string;
  let plainToken: string;
  const ids: Record<string, string> = {};

  const gql = <T>(q: string, v: Record<string, unknown> = {}, token = admin) =>
    server.gql<T>(q, v, { token });
  const create = async (name: string, description?: string) => {
    const r = await gql<{ createGroup: Group }>(CREATE, { input: { name, description } });
    expect(r.errors).toBeUndefined();
    return r.data!.createGroup;
  };
  const auditOf = async (action: string, target: string) => {
    const r = await gql<{ auditLog: { edges: { node: { actorId: string; detail: string } }[] } }>(
      AUDIT,
      { action, target },
    );
    return r.data!.auditLog.edges.map((e) => e.node);
  };

  beforeAll(async () => {
    server = await startAuthenticatedServer();
    const s = await signIn(server, ADMIN.username, ADMIN.password);
    admin = s.token;
    adminId = s.userId;
    for (const name of ["ann", "bob", "cat", "dan"]) {
      ids[name] = await createUser(server, admin, {
        username: name,
        password: `${name}-password-1`,
        isActive: true,
      });
    }
    plainToken = (await signIn(server, "ann", "ann-password-1")).token;
  });
  afterAll(() => server?.close());

  it("creates, lists, renames and describes, with names unique regardless of case", async () => {
    const g = await create("  Engineering ", "Builds things");
    expect(g).toMatchObject({ name: "Engineering", description: "Builds things", memberCount: 0 });
    const dup = await gql(CREATE, { input: { name: "ENGINEERING" } });
    expect(errorCode(dup)).toBe("GROUP_NAME_TAKEN");
    expect(dup.errors?.[0]?.message).toMatch(/already exists/);
    for (const bad of ["", "   ", "a,b", "x".repeat(65)]) {
      expect(errorCode(await gql(CREATE, { input: { name: bad } }))).toBe("BAD_USER_INPUT");
    }
    const nul = await gql(CREATE, { input: { name: "ok", description: "a\u0000b" } });
    expect(errorCode(nul)).toBe("BAD_USER_INPUT");
    const other = await create("Sales");
    const clash = await gql(UPDATE, { id: other.id, input: { name: "engineering" } });
    expect(errorCode(clash)).toBe("GROUP_NAME_TAKEN");
    // Changing only the case of its own name is a rename, not a clash.
    const renamed = await gql<{ updateGroup: Group }>(UPDATE, {
      id: g.id,
      input: { name: "engineering" },
    });
    expect(renamed.data?.updateGroup).toMatchObject({
      name: "engineering",
      description: "Builds things",
    });
    const described = await gql<{ updateGroup: Group }>(UPDATE, {
      id: g.id,
      input: { description: "Ships" },
    });
    expect(described.data?.updateGroup).toMatchObject({
      name: "engineering",
      description: "Ships",
    });
    const list = await gql<{ groups: Group[] }>(LIST);
    expect(list.data?.groups.map((x) => x.name)).toEqual(["engineering", "Sales"]);
    expect((await gql<{ group: Group }>(GET, { id: g.id })).data?.group.name).toBe("engineering");
    expect((await gql<{ group: Group | null }>(GET, { id: NOBODY })).data?.group).toBeNull();
    expect((await gql<{ group: Group | null }>(GET, { id: "nope" })).data?.group).toBeNull();
    expect(errorCode(await gql(UPDATE, { id: NOBODY, input: { name: "x" } }))).toBe("NOT_FOUND");

    expect((await auditOf("group.created", g.id))[0]).toMatchObject({
      actorId: adminId,
      detail: "name=Engineering",
    });
    expect((await auditOf("group.renamed", g.id))[0]?.detail).toBe(
      "from=Engineering to=engineering",
    );
    expect(await auditOf("group.updated", g.id)).toHaveLength(1);
  });

  it("adds and removes members in bulk, idempotently, all or nothing", async () => {
    const g = await create("Bulk");
    const add = await gql<{ addGroupMembers: Group }>(ADD, { g: g.id, u: [ids.ann, ids.bob] });
    expect(add.data?.addGroupMembers.memberCount).toBe(2);
    const again = await gql<{ addGroupMembers: Group }>(ADD, {
      g: g.id,
      u: [ids.ann, ids.bob, ids.cat, ids.cat],
    });
    expect(again.data?.addGroupMembers.memberCount).toBe(3);
    const added = await auditOf("group.members_added", g.id);
    expect(added.map((a) => a.detail)).toEqual([
      `count=1 users=${ids.cat}`,
      expect.stringMatching(/^count=2 users=/),
    ]);

    const bad = await gql(ADD, { g: g.id, u: [ids.dan, NOBODY, "not-a-uuid"] });
    expect(errorCode(bad)).toBe("BAD_USER_INPUT");
    expect(bad.errors?.[0]?.message).toContain(NOBODY);
    expect(bad.errors?.[0]?.message).toContain("not-a-uuid");
    expect((await gql<{ group: Group }>(GET, { id: g.id })).data?.group.memberCount).toBe(3);
    expect(errorCode(await gql(REMOVE, { g: g.id, u: [ids.ann, NOBODY] }))).toBe("BAD_USER_INPUT");
    expect(errorCode(await gql(ADD, { g: NOBODY, u: [ids.ann] }))).toBe("NOT_FOUND");

    const removed = await gql<{ removeGroupMembers: Group }>(REMOVE, {
      g: g.id,
      u: [ids.ann, ids.dan],
    });
    expect(removed.data?.removeGroupMembers.memberCount).toBe(2);
    expect((await auditOf("group.members_removed", g.id))[0]?.detail).toBe(
      `count=1 users=${ids.ann}`,
    );
    // Removing again changes nothing and writes no audit line.
    await gql(REMOVE, { g: g.id, u: [ids.ann] });
    expect(await auditOf("group.members_removed", g.id)).toHaveLength(1);
  });

  it("shows groups on users (one query per page), filters users by group, and me.groups", async () => {
    const a = await create("Alpha");
    const b = await create("beta");
    await gql(ADD, { g: a.id, u: [ids.ann, ids.bob, ids.dan] });
    await gql(ADD, { g: b.id, u: [ids.ann] });

    const spy = vi.spyOn(server.app.services.groups, "groupsForUsers");
    const all = await gql<UsersPage>(USERS, {});
    expect(spy).toHaveBeenCalledTimes(1);
    spy.mockRestore();
    const byName = new Map(all.data!.users.edges.map((e) => [e.node.username, e.node.groups]));
    expect(byName.get("ann")?.map((g) => g.name)).toEqual(["Alpha", "beta"]);
    expect(byName.get("cat")?.map((g) => g.name)).not.toContain("Alpha");

    const members = await gql<UsersPage>(USERS, { g: a.id, first: 2 });
    expect(members.data?.users.totalCount).toBe(3);
    expect(members.data?.users.edges.map((e) => e.node.username)).toEqual(["ann", "bob"]);
    const rest = await gql<UsersPage>(USERS, {
      g: a.id,
      first: 2,
      after: members.data!.users.pageInfo.endCursor,
    });
    expect(rest.data?.users.edges.map((e) => e.node.username)).toEqual(["dan"]);
    expect(rest.data?.users.pageInfo.hasNextPage).toBe(false);
    const searched = await gql<UsersPage>(USERS, { g: a.id, search: "BO" });
    expect(searched.data?.users.edges.map((e) => e.node.username)).toEqual(["bob"]);
    await gql(`mutation($id: ID!) { setActive(userId: $id, active: false) { id } }`, {
      id: ids.dan,
    });
    const active = await gql<UsersPage>(USERS, { g: a.id, filter: { isActive: true } });
    expect(active.data?.users.totalCount).toBe(2);
    expect((await gql<UsersPage>(USERS, { g: NOBODY })).data?.users.totalCount).toBe(0);

    const me = await gql<{ me: { groups: { name: string }[] } }>(
      "{ me { groups { name } } }",
      {},
      plainToken,
    );
    expect(me.data?.me.groups.map((g) => g.name)).toEqual(["Alpha", "beta"]);
    expect(await server.app.services.groups.namesForUser(ids.ann!)).toEqual(["Alpha", "beta"]);
  });

  it("is for superusers only (a user reads only their own groups)", async () => {
    const g = await create("Private");
    const ops: [string, Record<string, unknown>][] = [
      [LIST, {}],
      [GET, { id: g.id }],
      [CREATE, { input: { name: "mine" } }],
      [UPDATE, { id: g.id, input: { name: "mine" } }],
      [DELETE, { id: g.id }],
      [ADD, { g: g.id, u: [ids.ann] }],
      [REMOVE, { g: g.id, u: [ids.ann] }],
      [`query($id: ID!) { user(id: $id) { id } }`, { id: ids.bob }],
    ];
    for (const [q, v] of ops) expect(errorCode(await gql(q, v, plainToken)), q).toBe("FORBIDDEN");
    expect(errorCode(await server.gql(LIST))).toBe("UNAUTHENTICATED");
    expect((await gql<{ group: Group }>(GET, { id: g.id })).data?.group.name).toBe("Private");
  });

  it("cascades: a deleted user leaves their groups, a deleted group its members", async () => {
    const g = await create("Doomed");
    const temp = await createUser(server, admin, {
      username: "temp",
      password: "temp-password-1",
      isActive: true,
    });
    await gql(ADD, { g: g.id, u: [temp, ids.bob] });
    await server.app.services.dataSource.query(`DELETE FROM users WHERE id = $1`, [temp]);
    expect((await gql<{ group: Group }>(GET, { id: g.id })).data?.group.memberCount).toBe(1);

    expect((await gql<{ deleteGroup: boolean }>(DELETE, { id: g.id })).data?.deleteGroup).toBe(
      true,
    );
    expect((await gql<{ deleteGroup: boolean }>(DELETE, { id: g.id })).data?.deleteGroup).toBe(
      false,
    );
    const left = await server.app.services.dataSource.query(
      `SELECT count(*)::int AS n FROM group_members WHERE group_id = $1`,
      [g.id],
    );
    expect(left[0].n).toBe(0);
    expect((await auditOf("group.deleted", g.id))[0]?.detail).toBe("name=Doomed members=1");
  });

  it("ensureNamed creates missing groups and maps lower-case names to ids", async () => {
    const existing = await create("Ops");
    const map = await server.app.services.groups.ensureNamed(["ops", "Research", "RESEARCH"]);
    expect(map.get("ops")).toBe(existing.id);
    expect(map.get("research")).toMatch(/^[0-9a-f-]{36}$/);
    expect(map.size).toBe(2);
    const names = (await gql<{ groups: Group[] }>(LIST)).data!.groups.map((x) => x.name);
    expect(names).toContain("Research");
    await expect(server.app.services.groups.ensureNamed(["a,b"])).rejects.toThrow(/comma/);
  });
});
