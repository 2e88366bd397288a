import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorCode, type TestServer } from "../helpers/test-server.js";
import { ADMIN, createUser, signIn, startAuthenticatedServer } from "./accounts-helpers.js";

const SET_ACTIVE = `mutation($id: ID!, $a: Boolean!) { setActive(userId: $id, active: $a) { id isActive } }`;
const SET_SUPER = `mutation($id: ID!, $s: Boolean!) { setSuperuser(userId: $id, superuser: $s) { id isSuperuser } }`;
const ME = "{ me { id isSuperuser } }";
const USERS = "{ users { totalCount } }";

describe("activation, superuser flag and their guards", () => {
  let server: TestServer;
  let admin: string;
  let adminId: string;
  beforeAll(async () => {
    server = await startAuthenticatedServer();
    const s = await signIn(server, ADMIN.username, ADMIN.password);
    admin = s.token;
    adminId = s.userId;
  });
  afterAll(() => server?.close());

  const me = async (token: string) =>
    (await server.gql<{ me: { id: string; isSuperuser: boolean } | null }>(ME, {}, { token })).data
      ?.me ?? null;

  it("deactivating a user ends their sessions on the very next request; reactivating lets them sign in", async () => {
    const id = await createUser(server, admin, {
      username: "leaver",
      password: "leaver-password",
      isActive: true,
    });
    const s = await signIn(server, "leaver", "leaver-password");
    expect((await me(s.token))?.id).toBe(id);
    const off = await server.gql<{ setActive: { isActive: boolean } }>(
      SET_ACTIVE,
      { id, a: false },
      { token: admin },
    );
    expect(off.data?.setActive.isActive).toBe(false);
    expect(await me(s.token)).toBeNull();
    await server.gql(SET_ACTIVE, { id, a: true }, { token: admin });
    // The old session stays dead: deactivation deleted it.
    expect(await me(s.token)).toBeNull();
    await signIn(server, "leaver", "leaver-password");
  });

  it("granting and revoking superuser takes effect on the next request", async () => {
    const id = await createUser(server, admin, {
      username: "promoted",
      password: "Promoted-Lantern-9",
      isActive: true,
    });
    const s = await signIn(server, "promoted", "Promoted-Lantern-9");
    expect(errorCode(await server.gql(USERS, {}, { token: s.token }))).toBe("FORBIDDEN");
    await server.gql(SET_SUPER, { id, s: true }, { token: admin });
    expect((await server.gql(USERS, {}, { token: s.token })).errors).toBeUndefined();
    await server.gql(SET_SUPER, { id, s: false }, { token: admin });
    expect(errorCode(await server.gql(USERS, {}, { token: s.token }))).toBe("FORBIDDEN");
  });

  it("nobody can deactivate or demote themselves", async () => {
    expect(
      errorCode(await server.gql(SET_ACTIVE, { id: adminId, a: false }, { token: admin })),
    ).toBe("FORBIDDEN");
    expect(
      errorCode(await server.gql(SET_SUPER, { id: adminId, s: false }, { token: admin })),
    ).toBe("FORBIDDEN");
    expect((await me(admin))?.isSuperuser).toBe(true);
  });

  it("unknown users are NOT_FOUND", async () => {
    const none = "00000000-0000-0000-0000-000000000000";
    expect(errorCode(await server.gql(SET_ACTIVE, { id: none, a: false }, { token: admin }))).toBe(
      "NOT_FOUND",
    );
    expect(errorCode(await server.gql(SET_SUPER, { id: "junk", s: true }, { token: admin }))).toBe(
      "NOT_FOUND",
    );
  });

  it("the last active superuser cannot lose the flag or be deactivated (LAST_SUPERUSER)", async () => {
    const { users } = server.app.services;
    // Through the API an acting superuser always leaves one besides the target, so the guard
    // shows when the change comes from elsewhere (a race, a maintenance task): admin is alone.
    const system = { userId: null };
    await expect(users.setSuperuser(system, adminId, false)).rejects.toMatchObject({
      code: "LAST_SUPERUSER",
    });
    await expect(users.setActive(system, adminId, false)).rejects.toMatchObject({
      code: "LAST_SUPERUSER",
    });
    expect((await me(admin))?.isSuperuser).toBe(true);
    // With a second superuser, demoting the first is fine.
    const id = await createUser(server, admin, {
      username: "second",
      password: "second-password",
      isActive: true,
      isSuperuser: true,
    });
    const second = (await signIn(server, "second", "second-password")).token;
    expect(
      (await server.gql(SET_SUPER, { id: adminId, s: false }, { token: second })).errors,
    ).toBeUndefined();
    expect((await me(admin))?.isSuperuser).toBe(false);
    await server.gql(SET_SUPER, { id: adminId, s: true }, { token: second });
    await server.gql(SET_SUPER, { id, s: false }, { token: admin });
  });

  it("LAST_SUPERUSER holds when two superusers demote each other at the same time", async () => {
    const a = await createUser(server, admin, {
      username: "race-a",
      password: "race-a-password",
      isActive: true,
      isSuperuser: true,
    });
    const b = await createUser(server, admin, {
      username: "race-b",
      password: "race-b-password",
      isActive: true,
      isSuperuser: true,
    });
    const { services } = server.app;
    await services.users.setSuperuser({ userId: a }, adminId, false);
    const results = await Promise.allSettled([
      services.users.setSuperuser({ userId: b }, a, false),
      services.users.setSuperuser({ userId: a }, b, false),
    ]);
    const codes = results.map((r) =>
      r.status === "rejected" ? (r.reason as { code: string }).code : "ok",
    );
    expect([...codes].sort()).toEqual(["LAST_SUPERUSER", "ok"]);
    const left: { id: string }[] = await services.dataSource.query(
      `SELECT id FROM users WHERE is_superuser AND is_active`,
    );
    expect(left).toHaveLength(1);
    const survivor = left[0]?.id ?? "";
    expect(survivor).toBe(codes[0] === "ok" ? b : a);
    await services.users.setSuperuser({ userId: survivor }, adminId, true);
  });

  it("records activation and superuser changes in the audit log", async () => {
    const id = await createUser(server, admin, {
      username: "audited",
      password: "audited-password",
      isActive: true,
    });
    await server.gql(SET_ACTIVE, { id, a: false }, { token: admin });
    await server.gql(SET_SUPER, { id, s: true }, { token: admin });
    const log = await server.gql<{
      auditLog: { edges: { node: { action: string; actorId: string } }[] };
    }>(
      `query($t: ID) { auditLog(targetId: $t) { edges { node { action actorId } } } }`,
      { t: id },
      { token: admin },
    );
    expect(log.data?.auditLog.edges.map((e) => e.node.action)).toEqual([
      "user.superuser_granted",
      "user.deactivated",
      "user.created",
    ]);
    expect(log.data?.auditLog.edges.every((e) => e.node.actorId === adminId)).toBe(true);
  });
});
