import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorCode, type TestServer } from "../helpers/test-server.js";
import { ADMIN, signIn, startAuthenticatedServer } from "./accounts-helpers.js";

const AUDIT = `query($first: Int, $after: String, $action: String, $targetId: ID) {
  auditLog(first: $first, after: $after, action: $action, targetId: $targetId) {
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id at action actorId targetId ipAddress detail } }
  }
}`;

interface AuditPage {
  auditLog: {
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: {
      cursor: string;
      node: {
        id: string;
        at: string;
        action: string;
        targetId: string | null;
        detail: string | null;
      };
    }[];
  };
}

describe("audit log", () => {
  let server: TestServer;
  let admin: string;
  beforeAll(async () => {
    server = await startAuthenticatedServer();
    admin = (await signIn(server, ADMIN.username, ADMIN.password)).token;
    const { audit } = server.app.services;
    for (let i = 0; i < 7; i++) {
      await audit.record({ action: "test.event", targetId: `t-${i % 2}`, detail: `n${i}` });
    }
  });
  afterAll(() => server?.close());

  it("pages newest first with cursors, never repeating or skipping", async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 10; i++) {
      const r: { data?: AuditPage | null } = await server.gql<AuditPage>(
        AUDIT,
        { first: 3, after, action: "test.event" },
        { token: admin },
      );
      const page = r.data?.auditLog;
      if (!page) throw new Error("no page");
      seen.push(...page.edges.map((e) => e.node.detail ?? ""));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(["n6", "n5", "n4", "n3", "n2", "n1", "n0"]);
  });

  it("filters by action and by target", async () => {
    const r = await server.gql<AuditPage>(
      AUDIT,
      { action: "test.event", targetId: "t-1" },
      { token: admin },
    );
    expect(r.data?.auditLog.edges.map((e) => e.node.detail)).toEqual(["n5", "n3", "n1"]);
    const all = await server.gql<AuditPage>(AUDIT, { first: 100 }, { token: admin });
    const actions = new Set(all.data?.auditLog.edges.map((e) => e.node.action));
    expect(actions).toContain("superuser.bootstrapped");
    expect(actions).toContain("session.signed_in");
  });

  it("never records a password or a token", async () => {
    await server.gql(
      `mutation { signIn(username: "admin", password: "Wrong-Secret-123") { token } }`,
    );
    const s = await signIn(server, ADMIN.username, ADMIN.password);
    const rows = await server.app.services.dataSource.query(`SELECT * FROM audit_events`);
    const dump = JSON.stringify(rows);
    expect(dump).not.toContain("Wrong-Secret-123");
    expect(dump).not.toContain(ADMIN.password);
    expect(dump).not.toContain(s.token);
  });

  it("refuses a malformed cursor", async () => {
    const r = await server.gql(AUDIT, { after: "abc" }, { token: admin });
    expect(errorCode(r)).toBe("BAD_USER_INPUT");
  });
});
