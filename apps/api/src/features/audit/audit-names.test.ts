import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ADMIN,
  createUser,
  signIn,
  startAuthenticatedServer,
} from "../../../test/accounts/accounts-helpers.js";
import { errorCode, type TestServer } from "../../../test/helpers/test-server.js";
import { csvCell } from "./csv.js";

const LOG = `query($user: String, $actionContains: String, $since: DateTime, $until: DateTime, $first: Int) {
  auditLog(user: $user, actionContains: $actionContains, since: $since, until: $until, first: $first) {
    edges { node { action actorId actorUsername actorUserExists targetId targetUsername targetUserExists detail at } }
  }
}`;

interface Node {
  action: string;
  actorId: string | null;
  actorUsername: string | null;
  actorUserExists: boolean;
  targetId: string | null;
  targetUsername: string | null;
  targetUserExists: boolean;
  detail: string | null;
  at: string;
}

describe("audit log: names, filters and CSV export", () => {
  let server: TestServer;
  let admin: { token: string; userId: string };
  let carolId: string;
  let daveToken: string;

  const log = async (vars: Record<string, unknown>) => {
    const r = await server.gql<{ auditLog: { edges: { node: Node }[] } }>(LOG, vars, {
      token: admin.token,
    });
    expect(r.errors).toBeUndefined();
    return r.data!.auditLog.edges.map((e) => e.node);
  };
  const csv = (query: string, headers: Record<string, string>) =>
    fetch(`${server.url}/api/audit.csv${query}`, { headers });

  beforeAll(async () => {
    server = await startAuthenticatedServer();
    admin = await signIn(server, ADMIN.username, ADMIN.password);
    carolId = await createUser(server, admin.token, {
      username: "carol",
      password: "carol-password-1",
      isActive: true,
    });
    await createUser(server, admin.token, {
      username: "dave",
      password: "dave-password-1",
      isActive: true,
    });
    daveToken = (await signIn(server, "dave", "dave-password-1")).token;
    // A hostile display value: a detail that a spreadsheet would run as a formula.
    await server.app.services.audit.record({
      action: "test.formula",
      actorId: admin.userId,
      detail: '=HYPERLINK("http://evil.example","x")',
    });
    const del = await server.gql(
      `mutation($id: ID!) { deleteUser(userId: $id, confirmUsername: "carol") }`,
      { id: carolId },
      { token: admin.token },
    );
    expect(del.errors).toBeUndefined();
  });
  afterAll(() => server?.close());

  it("names actor and target, and keeps a deleted user's name", async () => {
    const events = await log({ user: "CAROL" });
    const actions = events.map((e) => e.action);
    expect(actions).toContain("user.created");
    expect(actions).toContain("user.deleted");
    for (const e of events) {
      expect(e.targetId).toBe(carolId);
      expect(e.targetUsername).toBe("carol");
      expect(e.targetUserExists).toBe(false);
      expect(e.actorUsername).toBe("admin");
      expect(e.actorUserExists).toBe(true);
    }
    // By id too: the same events.
    expect((await log({ user: carolId })).map((e) => e.action)).toEqual(actions);
  });

  it("filters by partial action and by date range", async () => {
    const signIns = await log({ actionContains: "SIGNED_" });
    expect(signIns.length).toBeGreaterThan(0);
    expect(signIns.every((e) => e.action.includes("signed_"))).toBe(true);
    // Wildcards in the text are literal: "_" does not match any character.
    expect(await log({ actionContains: "user_created" })).toEqual([]);
    const all = await log({ first: 200 });
    const newest = new Date(all[0]!.at);
    expect(await log({ since: new Date(newest.getTime() + 1).toISOString() })).toEqual([]);
    const until = await log({ until: newest.toISOString(), first: 200 });
    expect(until.length).toBeLessThan(all.length);
    expect(until.every((e) => new Date(e.at) < newest)).toBe(true);
  });

  it("exports every matching row as CSV for a superuser, formulas defused", async () => {
    const res = await csv("?actionContains=test.formula", {
      authorization: `Bearer ${admin.token}`,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(
      /^attachment; filename="gatehouse-audit-/,
    );
    const lines = (await res.text())
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]).toBe(
      "id,at,action,actor_id,actor_username,target_id,target_username,ip_address,detail",
    );
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`,test.formula,${admin.userId},admin,,,,`);
    expect(lines[1]).toMatch(/,"'=HYPERLINK\(""http:\/\/evil\.example"",""x""\)"$/);

    // Not one page: more rows than the GraphQL page cap come out.
    for (let i = 0; i < 120; i++) await server.app.services.audit.record({ action: "test.bulk" });
    const bulk = await csv("?action=test.bulk", { authorization: `Bearer ${admin.token}` });
    expect((await bulk.text()).trim().split("\r\n")).toHaveLength(121);
    // The export itself is audited.
    expect((await log({ actionContains: "audit.exported" }))[0]?.detail).toBe(
      "120 events exported as CSV (action test.bulk)",
    );
  });

  it("refuses a non-superuser, an anonymous caller and a bad date", async () => {
    expect((await csv("", { authorization: `Bearer ${daveToken}` })).status).toBe(403);
    expect((await csv("", {})).status).toBe(401);
    const bad = await csv("?since=yesterday", { authorization: `Bearer ${admin.token}` });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/since must be a date/);
    const r = await server.gql(LOG, {}, { token: daveToken });
    expect(errorCode(r)).toBe("FORBIDDEN");
  });

  it("escapes formula starts and quotes what needs it", () => {
    expect(csvCell("+1")).toBe("'+1");
    expect(csvCell("-x")).toBe("'-x");
    expect(csvCell("@sum")).toBe("'@sum");
    expect(csvCell("\tx")).toBe("'\tx");
    expect(csvCell(" padded ")).toBe('" padded "');
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell(null)).toBe("");
  });
});
