import { ErrorCode } from "@gatehouse/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { matchUsers } from "../../src/features/users/user-list.js";
import type { TestServer } from "../helpers/test-server.js";
import { ADMIN, createUser, signIn, startAuthenticatedServer } from "./accounts-helpers.js";

// matchingUsers backs the console's "select all N matching": it must be exactly the users the
// list shows for the same arguments, across every page, and refuse rather than cut a selection.

const MATCHING = `query($search: String, $filter: UserFilter, $groupId: ID) {
  matchingUsers(search: $search, filter: $filter, groupId: $groupId) { id username isActive }
}`;
const USERS = `query($search: String, $filter: UserFilter, $after: String) {
  users(search: $search, filter: $filter, first: 100, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { id } }
  }
}`;
const GROUP = `mutation($name: String!) { createGroup(input: { name: $name }) { id } }`;
const ADD = `mutation($g: ID!, $ids: [ID!]!) { addGroupMembers(groupId: $g, userIds: $ids) { id } }`;

type Matched = { id: string; username: string; isActive: boolean };

describe("matchingUsers", () => {
  let server: TestServer;
  let admin: string;
  const made: { id: string; username: string; isActive: boolean }[] = [];

  async function matching(vars: Record<string, unknown>, token = admin) {
    return server.gql<{ matchingUsers: Matched[] }>(MATCHING, vars, { token });
  }

  /** Pages through users(…) the way the console does: the reference for matchingUsers. */
  async function allPages(vars: Record<string, unknown>): Promise<string[]> {
    const ids: string[] = [];
    let after: string | null = null;
    for (;;) {
      type Page = {
        users: {
          pageInfo: { hasNextPage: boolean; endCursor: string };
          edges: { node: { id: string } }[];
        };
      };
      const pageVars: Record<string, unknown> = { ...vars, after };
      const r = await server.gql<Page>(USERS, pageVars, { token: admin });
      expect(r.errors).toBeUndefined();
      const users: Page["users"] = r.data!.users;
      ids.push(...users.edges.map((e) => e.node.id));
      if (!users.pageInfo.hasNextPage) return ids;
      after = users.pageInfo.endCursor;
    }
  }

  beforeAll(async () => {
    server = await startAuthenticatedServer();
    admin = (await signIn(server, ADMIN.username, ADMIN.password)).token;
    // 130 users: more than one page of the largest page size (100).
    for (let batch = 0; batch < 13; batch++) {
      await Promise.all(
        Array.from({ length: 10 }, async (_, i) => {
          const n = batch * 10 + i;
          const username = `mt-${String(n).padStart(3, "0")}`;
          const isActive = n % 3 !== 0;
          const id = await createUser(server, admin, {
            username,
            password: "long-enough-1",
            isActive,
          });
          made.push({ id, username, isActive });
        }),
      );
    }
  });
  afterAll(() => server?.close());

  it("returns every matching user across pages, in the list's order", async () => {
    const r = await matching({ search: "mt-" });
    expect(r.errors).toBeUndefined();
    const got = r.data!.matchingUsers;
    expect(got).toHaveLength(130);
    expect(got.map((u) => u.id)).toEqual(await allPages({ search: "mt-" }));
    expect(got.map((u) => u.username)).toEqual([...made.map((u) => u.username)].sort());
  });

  it("applies the filters and the group like the list does", async () => {
    const inactive = await matching({ search: "mt-", filter: { isActive: false } });
    expect(inactive.errors).toBeUndefined();
    const expected = made
      .filter((u) => !u.isActive)
      .map((u) => u.username)
      .sort();
    expect(inactive.data!.matchingUsers.map((u) => u.username)).toEqual(expected);
    expect(inactive.data!.matchingUsers.every((u) => !u.isActive)).toBe(true);

    // Without a search, the flag filter walks another path in user-list.ts.
    const noSearch = await matching({ filter: { isActive: false } });
    expect(noSearch.data!.matchingUsers.map((u) => u.username)).toEqual(expected);

    const g = await server.gql<{ createGroup: { id: string } }>(
      GROUP,
      { name: "mt-group" },
      { token: admin },
    );
    const members = made.slice(0, 4).map((u) => u.id);
    const added = await server.gql(
      ADD,
      { g: g.data!.createGroup.id, ids: members },
      { token: admin },
    );
    expect(added.errors).toBeUndefined();
    const inGroup = await matching({ groupId: g.data!.createGroup.id });
    expect(inGroup.data!.matchingUsers.map((u) => u.id).sort()).toEqual([...members].sort());
  });

  it("refuses a selection larger than the cap instead of cutting it", async () => {
    const repo = server.app.services.users.repo;
    await expect(matchUsers(repo, { search: "mt-" }, 129)).rejects.toMatchObject({
      code: ErrorCode.BAD_USER_INPUT,
    });
    expect(await matchUsers(repo, { search: "mt-" }, 130)).toHaveLength(130);
  });

  it("is for superusers only", async () => {
    await createUser(server, admin, {
      username: "mt-plain",
      password: "long-enough-1",
      isActive: true,
    });
    const plain = (await signIn(server, "mt-plain", "long-enough-1")).token;
    const r = await matching({ search: "mt-" }, plain);
    expect(r.errors?.[0]?.extensions?.code).toBe(ErrorCode.FORBIDDEN);
  });
});
