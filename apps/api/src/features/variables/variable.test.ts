import { randomUUID } from "node:crypto";
import { Limits } from "@gatehouse/shared";
import type { DataSource } from "typeorm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorCode, startTestServer, type TestServer } from "../../../test/helpers/test-server.js";
import { createLogger } from "../../logger.js";
import { generateKeyText, parseKeyMaterial } from "../secrets/key-material.js";
import { KeyRing } from "../secrets/key-ring.js";
import { SecretsService } from "../secrets/secrets.service.js";
import { VariablesService } from "./variable.service.js";

const SET = `mutation ($name: String!, $value: String!) { setVariable(name: $name, value: $value) { id name value updatedAt } }`;
const CREATE = `mutation ($name: String!, $value: String!) { createVariable(name: $name, value: $value) { id name value } }`;
const DELETE = `mutation ($name: String!) { deleteVariable(name: $name) }`;
const LIST = `{ variables { id name value updatedAt } }`;
const KEY = generateKeyText();

async function createUser(ds: DataSource, superuser = false): Promise<string> {
  const name = `var-${randomUUID().slice(0, 12)}`;
  const [row] = (await ds.query(
    `INSERT INTO users (username, username_key, is_active, is_superuser) VALUES ($1, $1, true, $2) RETURNING id`,
    [name, superuser],
  )) as { id: string }[];
  return row!.id;
}

const request = {
  ip: "127.0.0.1",
  userAgent: null,
  secure: false,
  bearerToken: null,
  sessionCookie: null,
};

describe("variables over GraphQL (auto-login: the default superuser)", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ GATEHOUSE_SECRET_KEY: KEY });
  });
  afterAll(() => server?.close());

  it("creates, updates, lists and deletes; the database holds only ciphertext", async () => {
    const created = await server.gql<{ setVariable: { id: string; value: string } }>(SET, {
      name: "OPENAI_API_KEY",
      value: "sk-first",
    });
    expect(created.errors).toBeUndefined();
    expect(created.data!.setVariable.value).toBe("sk-first");
    const updated = await server.gql<{ setVariable: { id: string } }>(SET, {
      name: "OPENAI_API_KEY",
      value: "sk-second ✓",
    });
    expect(updated.data!.setVariable.id).toBe(created.data!.setVariable.id);
    await server.gql(SET, { name: "A_FIRST", value: "" });

    const list = await server.gql<{ variables: { name: string; value: string }[] }>(LIST);
    expect(list.data!.variables.map((v) => [v.name, v.value])).toEqual([
      ["A_FIRST", ""],
      ["OPENAI_API_KEY", "sk-second ✓"],
    ]);

    const rows = (await server.app.database.dataSource.query(
      `SELECT ciphertext, key_fingerprint FROM variables WHERE name = 'OPENAI_API_KEY'`,
    )) as { ciphertext: string; key_fingerprint: string }[];
    expect(rows).toHaveLength(1);
    expect(rows[0]!.ciphertext).toMatch(/^gAAAAA/);
    expect(rows[0]!.ciphertext).not.toContain("sk-second");
    expect(rows[0]!.key_fingerprint).toBe(parseKeyMaterial(KEY, "k").fingerprint);

    expect((await server.gql(DELETE, { name: "OPENAI_API_KEY" })).data).toEqual({
      deleteVariable: true,
    });
    expect((await server.gql(DELETE, { name: "OPENAI_API_KEY" })).data).toEqual({
      deleteVariable: false,
    });
    const after = await server.gql<{ variables: { name: string }[] }>(LIST);
    expect(after.data!.variables.map((v) => v.name)).toEqual(["A_FIRST"]);
  });

  it("createVariable adds a new name but refuses an existing one, leaving its value alone", async () => {
    const made = await server.gql<{ createVariable: { value: string } }>(CREATE, {
      name: "ADD_ONCE",
      value: "original",
    });
    expect(made.errors).toBeUndefined();
    expect(made.data!.createVariable.value).toBe("original");
    const again = await server.gql(CREATE, { name: "ADD_ONCE", value: "overwritten?" });
    expect(errorCode(again)).toBe("VARIABLE_EXISTS");
    expect(again.errors![0]!.message).toMatch(/already have a variable named ADD_ONCE.*Edit/);
    expect(again.errors![0]!.extensions?.field).toBe("name");
    const list = await server.gql<{ variables: { name: string; value: string }[] }>(LIST);
    expect(list.data!.variables.find((v) => v.name === "ADD_ONCE")?.value).toBe("original");
    // Only the successful add is audited.
    const audited = (await server.app.database.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'variable.set' AND detail = 'name=ADD_ONCE'`,
    )) as { n: number }[];
    expect(audited[0]!.n).toBe(1);

    // Two adds of one name at once: exactly one wins.
    const both = await Promise.all(
      ["a", "b"].map((value) => server.gql(CREATE, { name: "RACE", value })),
    );
    expect(both.map((r) => errorCode(r) ?? "ok").sort()).toEqual(["VARIABLE_EXISTS", "ok"]);
    // setVariable keeps its create-or-replace meaning.
    const replaced = await server.gql(SET, { name: "ADD_ONCE", value: "replaced" });
    expect(replaced.errors).toBeUndefined();
  });

  it("enforces the name rules and the 64 KiB value limit without echoing the value", async () => {
    for (const name of [
      "",
      "1starts-with-digit",
      "has space",
      "x".repeat(Limits.variableNameMax + 1),
    ]) {
      const r = await server.gql(SET, { name, value: "v" });
      expect(errorCode(r)).toBe("BAD_USER_INPUT");
    }
    const max = "é".repeat(Limits.variableValueMaxBytes / 2);
    const ok = await server.gql<{ setVariable: { value: string } }>(SET, {
      name: "BIG",
      value: max,
    });
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.setVariable.value).toBe(max);
    const secret = `SECRET-${"z".repeat(Limits.variableValueMaxBytes)}`;
    const tooBig = await server.gql(SET, { name: "TOO_BIG", value: secret });
    expect(errorCode(tooBig)).toBe("BAD_USER_INPUT");
    expect(JSON.stringify(tooBig.errors)).not.toContain("SECRET-");
  });
});

describe("variables belong to their owner", () => {
  let server: TestServer;
  let ds: DataSource;
  beforeAll(async () => {
    server = await startTestServer({
      GATEHOUSE_SECRET_KEY: KEY,
      GATEHOUSE_AUTO_LOGIN: "false",
      GATEHOUSE_SUPERUSER: "root",
      GATEHOUSE_SUPERUSER_PASSWORD: "a long test password",
    });
    ds = server.app.database.dataSource;
  });
  afterAll(() => server?.close());

  it("anonymous requests are refused", async () => {
    expect(errorCode(await server.gql(LIST))).toBe("UNAUTHENTICATED");
    expect(errorCode(await server.gql(SET, { name: "X", value: "y" }))).toBe("UNAUTHENTICATED");
  });

  it("each user sees only their own; a superuser does not see other users' values", async () => {
    const alice = await createUser(ds);
    const admin = await createUser(ds, true);
    const aliceToken = (await server.app.services.sessions.start(alice, request)).token;
    const adminToken = (await server.app.services.sessions.start(admin, request)).token;
    await server.gql(SET, { name: "SHARED_NAME", value: "alice-value" }, { token: aliceToken });
    await server.gql(SET, { name: "SHARED_NAME", value: "admin-value" }, { token: adminToken });

    const mine = await server.gql<{ variables: { value: string }[] }>(
      LIST,
      {},
      { token: aliceToken },
    );
    expect(mine.data!.variables.map((v) => v.value)).toEqual(["alice-value"]);
    const theirs = await server.gql<{ variables: { value: string }[] }>(
      LIST,
      {},
      { token: adminToken },
    );
    expect(theirs.data!.variables.map((v) => v.value)).toEqual(["admin-value"]);

    // Deleting by name only ever touches the caller's own row.
    await server.gql(DELETE, { name: "SHARED_NAME" }, { token: adminToken });
    const still = await server.gql<{ variables: { value: string }[] }>(
      LIST,
      {},
      { token: aliceToken },
    );
    expect(still.data!.variables.map((v) => v.value)).toEqual(["alice-value"]);

    // Key administration is for superusers only.
    for (const q of [
      `{ secretKeyStatus { primaryFingerprint } }`,
      `mutation { rotateSecretKey { rotated } }`,
    ]) {
      expect(errorCode(await server.gql(q, {}, { token: aliceToken }))).toBe("FORBIDDEN");
      expect(errorCode(await server.gql(q))).toBe("UNAUTHENTICATED");
      expect((await server.gql(q, {}, { token: adminToken })).errors).toBeUndefined();
    }
  });

  it("stops at the per-user limit", async () => {
    const bob = await createUser(ds);
    const names = Array.from({ length: Limits.variablesPerUser }, (_, i) => `N${i}`);
    await ds.query(
      `INSERT INTO variables (owner_id, name, ciphertext, key_fingerprint)
       SELECT $1, n, 'x', 'x' FROM unnest($2::text[]) n`,
      [bob, names],
    );
    const token = (await server.app.services.sessions.start(bob, request)).token;
    const r = await server.gql(SET, { name: "ONE_MORE", value: "v" }, { token });
    expect(errorCode(r)).toBe("BAD_USER_INPUT");
    expect(r.errors![0]!.message).toMatch(/delete one first/);
    await ds.query(`DELETE FROM variables WHERE owner_id = $1`, [bob]);
  });
});

describe("two instances with different keys on one database", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ GATEHOUSE_SECRET_KEY: KEY });
  });
  afterAll(() => server?.close());

  it("the second never writes data the first cannot read", async () => {
    const ds = server.app.database.dataSource;
    const owner = await createUser(ds);
    await server.app.services.variables.set(owner, "FIRST", "by instance one");
    const other = new SecretsService(
      ds,
      new KeyRing(parseKeyMaterial(generateKeyText(), "k"), [], false),
      createLogger("silent", false),
    );
    const second = new VariablesService(ds, other);
    await expect(second.set(owner, "SECOND", "by instance two")).rejects.toMatchObject({
      code: "SECRET_KEY_MISMATCH",
    });
    const [count] = (await ds.query(
      `SELECT count(*)::int AS n FROM variables WHERE owner_id = $1`,
      [owner],
    )) as { n: number }[];
    expect(count!.n).toBe(1);
    await expect(other.check.atStartup()).rejects.toThrow(/cannot read the stored secrets/);
  });
});

describe("a variable written under a key this server does not have", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ GATEHOUSE_SECRET_KEY: KEY });
  });
  afterAll(() => server?.close());

  const FULL = `{ variables { name value readable keyFingerprint } }`;

  it("is listed, marked with the key it needs, and does not hide the others", async () => {
    const ds = server.app.database.dataSource;
    const viewer = (
      await server.gql<{ setVariable: { id: string } }>(SET, {
        name: "GOOD",
        value: "still readable",
      })
    ).data!.setVariable;
    expect(viewer).toBeDefined();
    const [owner] = (await ds.query(`SELECT owner_id FROM variables WHERE name = 'GOOD'`)) as {
      owner_id: string;
    }[];
    const stranger = new KeyRing(parseKeyMaterial(generateKeyText(), "k"), [], false);
    const lost = stranger.seal("written elsewhere");
    await ds.query(
      `INSERT INTO variables (owner_id, name, ciphertext, key_fingerprint) VALUES ($1, 'LOST', $2, $3)`,
      [owner!.owner_id, lost.ciphertext, lost.fingerprint],
    );

    const list = await server.gql<{
      variables: { name: string; value: string; readable: boolean; keyFingerprint: string }[];
    }>(FULL);
    expect(list.errors).toBeUndefined();
    expect(list.data!.variables).toEqual([
      {
        name: "GOOD",
        value: "still readable",
        readable: true,
        keyFingerprint: parseKeyMaterial(KEY, "k").fingerprint,
      },
      { name: "LOST", value: "", readable: false, keyFingerprint: lost.fingerprint },
    ]);
    // Nothing of the unreadable ciphertext leaks into the answer.
    expect(JSON.stringify(list)).not.toContain(lost.ciphertext);

    // Setting it again replaces it with a value this server can read.
    const replaced = await server.gql<{
      setVariable: { value: string; readable: boolean; keyFingerprint: string };
    }>(`mutation { setVariable(name: "LOST", value: "fresh") { value readable keyFingerprint } }`);
    expect(replaced.data!.setVariable).toEqual({
      value: "fresh",
      readable: true,
      keyFingerprint: parseKeyMaterial(KEY, "k").fingerprint,
    });
    const after = await server.gql<{ variables: { name: string; readable: boolean }[] }>(FULL);
    expect(after.data!.variables.every((v) => v.readable)).toBe(true);
  });
});
