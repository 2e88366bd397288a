import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAuthenticatedServer } from "../../../test/accounts/accounts-helpers.js";
import {
  adminToken,
  createApiKey,
  groupWith,
  type Person,
  person,
  revokeApiKey,
  revokeOwnSession,
  setActive,
  verifyStatus,
  warm,
} from "../../../test/forward-auth/support.js";
import type { TestServer } from "../../../test/helpers/test-server.js";
import { Lru, VerifyCache } from "./verify-cache.js";

const APP_INPUT = `mutation($i: AppInput!) { createApp(input: $i) { id } }`;
const UPDATE_APP = `mutation($id: ID!, $i: AppInput!) { updateApp(id: $id, input: $i) { id } }`;

describe("/auth/verify answered from memory, revoked on the next request (same instance)", () => {
  let server: TestServer;
  let admin: string;

  beforeAll(async () => {
    server = await startAuthenticatedServer({
      GATEHOUSE_TRUST_PROXY: "127.0.0.1,::1",
      // Hosts no app claims stay open once the test's app exists.
      GATEHOUSE_FORWARD_AUTH_DEFAULT: "allow",
    });
    admin = await adminToken(server);
  });
  afterAll(() => server?.close());

  it("is in use: the listener is up and repeated questions are hits", async () => {
    expect(server.app.services.verify.cache.live).toBe(true);
    const ann = await person(server, admin, "cache-ann");
    expect(await warm(server, { cookie: ann.cookie })).toBe(200);
    const { body } = await server.app.services.metrics.render();
    expect(body).toContain("gatehouse_forward_auth_cache_live 1");
    expect(body).toMatch(/gatehouse_forward_auth_cache_lookups_total\{result="hit"\} [1-9]/);
  });

  it("refuses a revoked session", async () => {
    const bo: Person = await person(server, admin, "cache-bo");
    expect(await warm(server, { cookie: bo.cookie })).toBe(200);
    await revokeOwnSession(server, bo.token);
    expect(await verifyStatus(server, { cookie: bo.cookie })).toBe(401);
  });

  it("refuses a deactivated user, and lets their key back in when reactivated", async () => {
    const cy = await person(server, admin, "cache-cy");
    const { key } = await createApiKey(server, cy.token, "cy's key");
    const bearer = { authorization: `Bearer ${cy.token}` };
    expect(await warm(server, bearer)).toBe(200);
    expect(await warm(server, { "x-api-key": key })).toBe(200);
    await setActive(server, admin, cy.id, false);
    expect(await verifyStatus(server, bearer)).toBe(401);
    expect(await verifyStatus(server, { "x-api-key": key })).toBe(401);
    // Deactivation ended the session; the key stays, and works again at once.
    await setActive(server, admin, cy.id, true);
    expect(await verifyStatus(server, { "x-api-key": key })).toBe(200);
  });

  it("refuses a revoked API key", async () => {
    const di = await person(server, admin, "cache-di");
    const { key, id } = await createApiKey(server, di.token, "cache test");
    expect(await warm(server, { "x-api-key": key })).toBe(200);
    await revokeApiKey(server, di.token, id);
    expect(await verifyStatus(server, { "x-api-key": key })).toBe(401);
  });

  it("follows group membership and app rules, both ways", async () => {
    const ed = await person(server, admin, "cache-ed");
    const crew = await groupWith(server, admin, "Cache Crew", [ed.id]);
    const made = await server.gql<{ createApp: { id: string } }>(
      APP_INPUT,
      {
        i: {
          name: "Crew",
          hosts: ["crew.example.test"],
          access: "GROUPS",
          groupNames: ["Cache Crew"],
        },
      },
      { token: admin },
    );
    expect(made.errors).toBeUndefined();
    const appId = made.data!.createApp.id;
    const creds = { cookie: ed.cookie };
    expect(await warm(server, creds, "crew.example.test")).toBe(200);

    const members = `mutation($g: ID!, $u: [ID!]!) { removeGroupMembers(groupId: $g, userIds: $u) { id } }`;
    expect(
      (await server.gql(members, { g: crew, u: [ed.id] }, { token: admin })).errors,
    ).toBeUndefined();
    expect(await warm(server, creds, "crew.example.test")).toBe(403);

    // A cached refusal goes too: added back, let in on the next request.
    const add = `mutation($g: ID!, $u: [ID!]!) { addGroupMembers(groupId: $g, userIds: $u) { id } }`;
    expect(
      (await server.gql(add, { g: crew, u: [ed.id] }, { token: admin })).errors,
    ).toBeUndefined();
    expect(await warm(server, creds, "crew.example.test")).toBe(200);

    const rule = { name: "Crew", hosts: ["crew.example.test"], access: "SUPERUSERS" };
    const changed = await server.gql(UPDATE_APP, { id: appId, i: rule }, { token: admin });
    expect(changed.errors).toBeUndefined();
    expect(await verifyStatus(server, creds, "crew.example.test")).toBe(403);
  });

  it("revokes on a raw SQL write too (triggers, not application code)", async () => {
    const fi = await person(server, admin, "cache-fi");
    const { key } = await createApiKey(server, fi.token, "raw sql");
    expect(await warm(server, { cookie: fi.cookie })).toBe(200);
    expect(await warm(server, { "x-api-key": key })).toBe(200);
    const ds = server.app.database.dataSource;
    // Ended by hand: the session's expiry moved to now.
    await ds.query(`UPDATE sessions SET expires_at = now() WHERE user_id = $1`, [fi.id]);
    expect(await verifyStatus(server, { cookie: fi.cookie })).toBe(401);
    expect(await verifyStatus(server, { "x-api-key": key })).toBe(200);
    await ds.query(`UPDATE api_keys SET expires_at = now() WHERE user_id = $1`, [fi.id]);
    expect(await verifyStatus(server, { "x-api-key": key })).toBe(401);
  });

  it("is not emptied by its own touches (last_seen_at, last_used_at, last_login_at)", async () => {
    const cache = server.app.services.verify.cache;
    const gi = await person(server, admin, "cache-gi");
    await warm(server, { cookie: gi.cookie });
    const heard: string[] = [];
    const off = cache.onInvalidate((p) => {
      if (p.includes(gi.id) || p === "*") heard.push(p);
    });
    const ds = server.app.database.dataSource;
    // The writing connection hears its own notifications before its statement returns.
    await ds.query(
      `UPDATE sessions SET last_seen_at = now(), expires_at = expires_at + interval '1 minute' WHERE user_id = $1`,
      [gi.id],
    );
    await ds.query(`UPDATE users SET last_login_at = now() WHERE id = $1`, [gi.id]);
    expect(heard).toEqual([]);
    await ds.query(`UPDATE users SET email = 'gi2@example.com' WHERE id = $1`, [gi.id]);
    off();
    expect(heard[0]).toBe(`u:${gi.id}`);
  });
});

describe("VerifyCache", () => {
  it("does not store a read that started before an invalidation", () => {
    const cache = new VerifyCache();
    cache.setLive(true);
    const ticket = cache.begin();
    cache.invalidate("u:someone");
    cache.store(cache.credentials, ticket, "s:x", { v: 1 }, "someone-else");
    expect(cache.lookup(cache.credentials, "s:x")).toBeUndefined();
    cache.store(cache.credentials, cache.begin(), "s:x", { v: 2 }, "someone-else");
    expect(cache.lookup(cache.credentials, "s:x")).toEqual({ v: 2 });
  });

  it("is bypassed and emptied while nobody listens", () => {
    const cache = new VerifyCache();
    cache.setLive(true);
    cache.store(cache.credentials, cache.begin(), "s:x", 1, "u1");
    cache.setLive(false);
    expect(cache.begin()).toBeNull();
    expect(cache.lookup(cache.credentials, "s:x")).toBeUndefined();
    expect(cache.stats.bypassed).toBe(1);
    cache.setLive(true);
    expect(cache.lookup(cache.credentials, "s:x")).toBeUndefined();
  });

  it("drops one user's entries, everything on '*', the least recently used when full, and old ones", () => {
    let now = 0;
    const lru = new Lru<number>(2, 1000);
    lru.set("a", 1, "u1", now);
    lru.set("b", 2, "u2", now);
    expect(lru.get("a", now)).toBe(1);
    lru.set("c", 3, "u2", now);
    expect(lru.get("b", now)).toBeUndefined();
    lru.dropUser("u2");
    expect(lru.get("c", now)).toBeUndefined();
    expect(lru.get("a", now)).toBe(1);
    now = 1000;
    expect(lru.get("a", now)).toBeUndefined();
    const cache = new VerifyCache();
    cache.setLive(true);
    cache.store(cache.decisions, cache.begin(), "d", 1, "u1");
    cache.invalidate("*");
    expect(cache.lookup(cache.decisions, "d")).toBeUndefined();
  });
});
