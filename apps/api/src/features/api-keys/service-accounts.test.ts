import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SIGN_IN } from "../../../test/accounts/accounts-helpers.js";
import {
  CREATE_KEY,
  createKey,
  type KeyEnv,
  keyHeaders,
  ME,
  meWithKey,
  newPerson,
  startKeyServer,
} from "../../../test/helpers/api-keys.js";
import { errorCode } from "../../../test/helpers/test-server.js";
import { applyCliSuperuser } from "../users/superuser-cli.js";

const CREATE_SA = `mutation($input: CreateServiceAccountInput!) {
  createServiceAccount(input: $input) {
    id username description isActive isSuperuser isServiceAccount hasPassword email authMethods
  }
}`;

describe("service accounts", () => {
  let env: KeyEnv;
  let bot: { id: string; username: string };
  beforeAll(async () => {
    env = await startKeyServer();
    const r = await env.server.gql<{ createServiceAccount: { id: string; username: string } }>(
      CREATE_SA,
      { input: { username: "ci-bot", description: "nightly deploys" } },
      { token: env.adminToken },
    );
    expect(r.errors).toBeUndefined();
    bot = r.data!.createServiceAccount;
  });
  afterAll(() => env?.server.close());

  it("is created by a superuser: active, no password, no email, no sign-in method", async () => {
    const r = await env.server.gql<{ user: Record<string, unknown> }>(
      `query($id: ID!) { user(id: $id) { username description isActive isSuperuser isServiceAccount hasPassword email authMethods } }`,
      { id: bot.id },
      { token: env.adminToken },
    );
    expect(r.data!.user).toEqual({
      username: "ci-bot",
      description: "nightly deploys",
      isActive: true,
      isSuperuser: false,
      isServiceAccount: true,
      hasPassword: false,
      email: null,
      authMethods: [],
    });
  });

  it("keeps the username rules and reserved names; only superusers create them", async () => {
    const admin = { token: env.adminToken };
    for (const username of ["root", "x", "ci-bot", "has space"]) {
      const r = await env.server.gql(CREATE_SA, { input: { username } }, admin);
      expect(["BAD_USER_INPUT", "CONFLICT"]).toContain(errorCode(r));
    }
    const person = await newPerson(env, "plain-person");
    const r = await env.server.gql(
      CREATE_SA,
      { input: { username: "sneaky-bot" } },
      {
        token: person.token,
      },
    );
    expect(errorCode(r)).toBe("FORBIDDEN");
  });

  it("cannot sign in: the same answer as an unknown account", async () => {
    const asBot = await env.server.gql(SIGN_IN, { u: "ci-bot", p: "anything-at-all-1" });
    const unknown = await env.server.gql(SIGN_IN, { u: "nobody-here", p: "anything-at-all-1" });
    expect(errorCode(asBot)).toBe("UNAUTHENTICATED");
    expect(asBot.errors![0]!.message).toBe(unknown.errors![0]!.message);
    const pw = await env.server.gql(
      `mutation($id: ID!, $p: String!) { setPassword(userId: $id, password: $p) { id } }`,
      { id: bot.id, p: "A-long-Quartz-password-9" },
      { token: env.adminToken },
    );
    expect(errorCode(pw)).toBe("BAD_USER_INPUT");
    const link = await env.server.gql(
      `mutation($id: ID!) { emailLoginUrl(userId: $id) { url } }`,
      { id: bot.id },
      { token: env.adminToken },
    );
    expect(link.errors).toBeDefined();
    const services = env.server.app.services;
    await expect(
      applyCliSuperuser(services, {
        username: "ci-bot",
        password: "Pw-long-enough-123",
        promote: true,
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("owns keys a superuser creates for it; never keys for another person", async () => {
    const { key, apiKey } = await createKey(env, env.adminToken, {
      name: "deploy",
      userId: bot.id,
    });
    expect(apiKey.username).toBe("ci-bot");
    const me = await env.server.gql<{ me: { username: string; isServiceAccount: boolean } }>(
      ME,
      undefined,
      { headers: keyHeaders(key, "bearer") },
    );
    expect(me.data!.me).toMatchObject({ username: "ci-bot", isServiceAccount: true });

    const person = await newPerson(env, "someone-else");
    const forPerson = await env.server.gql(
      CREATE_KEY,
      { input: { name: "theirs", userId: person.id } },
      { token: env.adminToken },
    );
    expect(errorCode(forPerson)).toBe("FORBIDDEN");
    const byPerson = await env.server.gql(
      CREATE_KEY,
      { input: { name: "bot's", userId: bot.id } },
      { token: person.token },
    );
    expect(errorCode(byPerson)).toBe("FORBIDDEN");
  });

  it("deactivating it stops its keys at once; deleting it deletes them", async () => {
    const { key } = await createKey(env, env.adminToken, { name: "cron", userId: bot.id });
    expect(await meWithKey(env, key)).toBe("ci-bot");
    const set = `mutation($id: ID!, $a: Boolean!) { setActive(userId: $id, active: $a) { id } }`;
    await env.server.gql(set, { id: bot.id, a: false }, { token: env.adminToken });
    expect(await meWithKey(env, key)).toBeNull();
    const ds = env.server.app.database.dataSource;
    await ds.query(`DELETE FROM "users" WHERE "id" = $1`, [bot.id]);
    const [left] = await ds.query(
      `SELECT count(*)::int AS n FROM "api_keys" WHERE "user_id" = $1`,
      [bot.id],
    );
    expect(left.n).toBe(0);
  });
});
