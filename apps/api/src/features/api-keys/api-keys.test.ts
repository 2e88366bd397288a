import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, signIn } from "../../../test/accounts/accounts-helpers.js";
import {
  ALL_KEYS,
  CREATE_KEY,
  createKey,
  type KeyEnv,
  keyHeaders,
  MY_KEYS,
  meWithKey,
  newPerson,
  REVOKE_KEY,
  startKeyServer,
} from "../../../test/helpers/api-keys.js";
import { errorCode } from "../../../test/helpers/test-server.js";

const sha256 = (s: string) => createHash("sha256").update(s, "utf8").digest("hex");

describe("API keys over HTTP", () => {
  let env: KeyEnv;
  beforeAll(async () => {
    env = await startKeyServer();
  });
  afterAll(() => env?.server.close());

  it("create → use with X-API-Key and Bearer → revoke → refused", async () => {
    const alice = await newPerson(env, "alice-keys");
    const created = await createKey(env, alice.token, { name: "laptop script" });
    expect(created.key).toMatch(/^gatehouse_[A-Za-z0-9_-]{49}$/);
    expect(created.apiKey).toMatchObject({ name: "laptop script", username: "alice-keys" });
    expect(created.key.startsWith(created.apiKey.prefix)).toBe(true);

    expect(await meWithKey(env, created.key, "x-api-key")).toBe("alice-keys");
    expect(await meWithKey(env, created.key, "bearer")).toBe("alice-keys");

    const revoked = await env.server.gql(
      REVOKE_KEY,
      { id: created.apiKey.id },
      { token: alice.token },
    );
    expect(revoked.data).toEqual({ revokeApiKey: true });
    expect(await meWithKey(env, created.key, "x-api-key")).toBeNull();
    expect(await meWithKey(env, created.key, "bearer")).toBeNull();
  });

  it("shows the key once; the database holds only its SHA-256", async () => {
    const bob = await newPerson(env, "bob-keys");
    const { key, apiKey } = await createKey(env, bob.token, { name: "ci" });
    const rows: Record<string, unknown>[] = await env.server.app.database.dataSource.query(
      `SELECT * FROM "api_keys" WHERE "id" = $1`,
      [apiKey.id],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.token_hash).toBe(sha256(key));
    expect(JSON.stringify(rows[0])).not.toContain(key.slice(10));
    const list = await env.server.gql<{ myApiKeys: Record<string, unknown>[] }>(
      MY_KEYS,
      undefined,
      {
        token: bob.token,
      },
    );
    expect(list.data!.myApiKeys).toHaveLength(1);
    expect(JSON.stringify(list.data)).not.toContain(key.slice(10));
    // Not part of the type at all: asking for it is a validation error.
    const asked = await env.server.gql(`{ myApiKeys { key } }`, undefined, { token: bob.token });
    expect(errorCode(asked)).toBe("GRAPHQL_VALIDATION_FAILED");
  });

  it("refuses an unknown, malformed or mistyped key as anonymous, never someone else", async () => {
    const carol = await newPerson(env, "carol-keys");
    const { key } = await createKey(env, carol.token, { name: "k" });
    const last = key.at(-1) === "A" ? "B" : "A";
    for (const bad of [`${key.slice(0, -1)}${last}`, "gatehouse_nope", `${key}x`]) {
      expect(await meWithKey(env, bad)).toBeNull();
    }
    // A key next to a valid session: the key is the claim, and a bad one is anonymous.
    const r = await env.server.gql<{ me: unknown }>(`{ me { id } }`, undefined, {
      token: carol.token,
      headers: { "x-api-key": "gatehouse_bad" },
    });
    expect(r.data?.me).toBeNull();
    // Session requests are untouched by the key path.
    const s = await env.server.gql<{ me: { id: string } }>(`{ me { id } }`, undefined, {
      token: carol.token,
    });
    expect(s.data!.me.id).toBe(carol.id);
  });

  it("expires: refused once expiresAt passes; a past expiry is refused at creation", async () => {
    const dan = await newPerson(env, "dan-keys");
    const past = await env.server.gql(
      CREATE_KEY,
      {
        input: { name: "old", expiresAt: new Date(env.clock.now().getTime() - 1000).toISOString() },
      },
      { token: dan.token },
    );
    expect(errorCode(past)).toBe("BAD_USER_INPUT");
    const { key } = await createKey(env, dan.token, {
      name: "short",
      expiresAt: new Date(env.clock.now().getTime() + 3_600_000).toISOString(),
    });
    expect(await meWithKey(env, key)).toBe("dan-keys");
    env.clock.advance(3_600_001);
    expect(await meWithKey(env, key)).toBeNull();
  });

  it("a deactivated user's key is refused on the next request, and works again after", async () => {
    const erin = await newPerson(env, "erin-keys");
    const { key } = await createKey(env, erin.token, { name: "bot" });
    expect(await meWithKey(env, key)).toBe("erin-keys");
    const set = `mutation($id: ID!, $a: Boolean!) { setActive(userId: $id, active: $a) { id } }`;
    await env.server.gql(set, { id: erin.id, a: false }, { token: env.adminToken });
    expect(await meWithKey(env, key)).toBeNull();
    await env.server.gql(set, { id: erin.id, a: true }, { token: env.adminToken });
    expect(await meWithKey(env, key)).toBe("erin-keys");
  });

  it("writes last_used_at at most once a minute, not per request", async () => {
    const fay = await newPerson(env, "fay-keys");
    const { key, apiKey } = await createKey(env, fay.token, { name: "poller" });
    const lastUsed = async () => {
      const [row] = await env.server.app.database.dataSource.query(
        `SELECT "last_used_at" FROM "api_keys" WHERE "id" = $1`,
        [apiKey.id],
      );
      return row.last_used_at ? new Date(row.last_used_at).toISOString() : null;
    };
    expect(await lastUsed()).toBeNull();
    const first = env.clock.now().toISOString();
    await meWithKey(env, key);
    expect(await lastUsed()).toBe(first);
    env.clock.advance(30_000);
    for (let i = 0; i < 5; i++) await meWithKey(env, key);
    expect(await lastUsed()).toBe(first);
    env.clock.advance(30_001);
    await meWithKey(env, key);
    expect(await lastUsed()).toBe(env.clock.now().toISOString());
  });

  it("a key cannot create keys, set a password or re-authenticate; it may revoke itself only", async () => {
    const gus = await newPerson(env, "gus-keys");
    const one = await createKey(env, gus.token, { name: "one" });
    const two = await createKey(env, gus.token, { name: "two" });
    const h = { headers: keyHeaders(one.key, "x-api-key") };
    const create = await env.server.gql(CREATE_KEY, { input: { name: "more" } }, h);
    expect(errorCode(create)).toBe("API_KEY_NOT_ALLOWED");
    const pw = await env.server.gql(
      `mutation($id: ID!, $p: String!) { setPassword(userId: $id, password: $p) { id } }`,
      { id: gus.id, p: "Another-Quartz-77!" },
      h,
    );
    expect(errorCode(pw)).toBe("API_KEY_NOT_ALLOWED");
    const reauth = await env.server.gql(
      `mutation($p: String!) { reauthenticate(password: $p) }`,
      { p: gus.password },
      h,
    );
    expect(errorCode(reauth)).toBe("API_KEY_NOT_ALLOWED");
    const other = await env.server.gql(REVOKE_KEY, { id: two.apiKey.id }, h);
    expect(errorCode(other)).toBe("API_KEY_NOT_ALLOWED");
    expect(await meWithKey(env, two.key)).toBe("gus-keys");
    const self = await env.server.gql(REVOKE_KEY, { id: one.apiKey.id }, h);
    expect(self.data).toEqual({ revokeApiKey: true });
    expect(await meWithKey(env, one.key)).toBeNull();
  });

  it("a superuser's key is refused for sensitive operations (no fresh sign-in with a key)", async () => {
    const admin = await signIn(env.server, ADMIN.username, ADMIN.password);
    const { key } = await createKey(env, admin.token, { name: "admin automation" });
    const r = await env.server.gql(
      `mutation($id: ID!) { setSuperuser(userId: $id, superuser: true) { id } }`,
      { id: (await newPerson(env, "hal-keys")).id },
      { headers: keyHeaders(key, "bearer") },
    );
    expect(errorCode(r)).toBe("API_KEY_NOT_ALLOWED");
  });

  it("an app-scoped key is refused on /graphql", async () => {
    const ida = await newPerson(env, "ida-keys");
    const { key } = await createKey(env, ida.token, { name: "wiki", appIds: ["config:wiki"] });
    const r = await env.server.gql(`{ me { id } }`, undefined, {
      headers: keyHeaders(key, "x-api-key"),
    });
    expect(r.status).toBe(401);
    expect(errorCode(r)).toBe("UNAUTHENTICATED");
    expect(r.errors![0]!.message).toMatch(/scoped to apps/);
  });

  it("needs a fresh sign-in to create a key", async () => {
    const jon = await newPerson(env, "jon-keys");
    env.clock.advance(env.server.config.freshSignInMs + 1000);
    const r = await env.server.gql(CREATE_KEY, { input: { name: "late" } }, { token: jon.token });
    expect(errorCode(r)).toBe("FRESH_SIGN_IN_REQUIRED");
  });

  it("superusers list and revoke anyone's keys; others see only their own", async () => {
    const kim = await newPerson(env, "kim-keys");
    const lee = await newPerson(env, "lee-keys");
    const { key, apiKey } = await createKey(env, kim.token, { name: "kim's" });
    const listed = await env.server.gql<{ apiKeys: { id: string; username: string }[] }>(
      ALL_KEYS,
      { u: kim.id },
      { token: env.adminToken },
    );
    expect(listed.data!.apiKeys).toEqual([
      expect.objectContaining({ id: apiKey.id, username: "kim-keys" }),
    ]);
    const all = await env.server.gql<{ apiKeys: { id: string }[] }>(
      ALL_KEYS,
      {},
      { token: env.adminToken },
    );
    expect(all.data!.apiKeys.map((k) => k.id)).toContain(apiKey.id);
    expect(errorCode(await env.server.gql(ALL_KEYS, { u: kim.id }, { token: lee.token }))).toBe(
      "FORBIDDEN",
    );
    const stranger = await env.server.gql(REVOKE_KEY, { id: apiKey.id }, { token: lee.token });
    expect(errorCode(stranger)).toBe("NOT_FOUND");
    expect(await meWithKey(env, key)).toBe("kim-keys");
    const byAdmin = await env.server.gql(REVOKE_KEY, { id: apiKey.id }, { token: env.adminToken });
    expect(byAdmin.data).toEqual({ revokeApiKey: true });
    expect(await meWithKey(env, key)).toBeNull();
    const audit: { action: string; detail: string }[] =
      await env.server.app.database.dataSource.query(
        `SELECT "action", "detail" FROM "audit_events" WHERE "target_id" = $1 ORDER BY "id"`,
        [kim.id],
      );
    const actions = audit.map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["api_key.created", "api_key.revoked"]));
    expect(JSON.stringify(audit)).not.toContain(key.slice(10));
  });
});
