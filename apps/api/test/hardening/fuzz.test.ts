import { readFileSync } from "node:fs";
import {
  checkEmail,
  checkUsername,
  checkVariableName,
  checkVariableValue,
  Limits,
  normalizeEmail,
} from "@gatehouse/shared";
import fc from "fast-check";
import {
  buildClientSchema,
  buildSchema,
  type GraphQLArgument,
  type GraphQLField,
  GraphQLInputObjectType,
  type GraphQLInputType,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
  getIntrospectionQuery,
  getNamedType,
  isEnumType,
  isLeafType,
  isScalarType,
} from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ADMIN,
  createUser,
  signIn,
  startAuthenticatedServer,
} from "../accounts/accounts-helpers.js";
import { type FakeGoogle, startFakeGoogle } from "../helpers/fake-google.js";
import type { TestServer } from "../helpers/test-server.js";

/** Runs per operation and role (each operation is a test of its own, with its own budget). */
const RUNS = 6;
const USER = { username: "fuzz-user", password: "fuzz user password" };

type Role = "anonymous" | "user" | "superuser";

/** Strings a careless resolver trips over: empty, blank, huge, control characters, injections, lone surrogates. */
const nastyString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constantFrom(
    "",
    " ",
    "\u0000",
    "\ud800",
    "a\u0000b@example.com",
    "' OR 1=1 --",
    "%",
    "_",
    "\\",
    "admin",
    "ADMIN ",
    "x@y",
    "a@b.c",
    "@example.com",
    "UPPER@Example.COM",
    "00000000-0000-0000-0000-000000000000",
    "not-a-uuid",
    "9223372036854775808",
    "eyJhbGciOiJub25lIn0.e30.",
    "a".repeat(Limits.usernameMax + 1),
    "b".repeat(Limits.passwordMax + 1),
    `${"c".repeat(250)}@example.com`,
  ),
  fc.string({ minLength: 200, maxLength: 400 }),
  fc.emailAddress(),
  fc.uuid(),
);

const nastyInt = fc.oneof(
  fc.integer(),
  fc.constantFrom(0, -1, 1, Limits.pageSizeMax, Limits.pageSizeMax + 1, 2 ** 31 - 1, -(2 ** 31)),
);

/** A value that does not fit the declared type: GraphQL must refuse it cleanly. */
const wrongValue = fc.oneof(
  fc.constant(null),
  fc.double(),
  fc.constant(2 ** 53),
  fc.boolean(),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 3 }),
  fc.string({ maxLength: 10 }),
);

/** Values for a GraphQL input type, mostly well-typed, sometimes not. */
function valueFor(
  type: GraphQLInputType,
  extra: { ids: string[]; tokens: string[] },
  depth = 0,
): fc.Arbitrary<unknown> {
  if (type instanceof GraphQLNonNull) return valueFor(type.ofType, extra, depth);
  if (type instanceof GraphQLList) {
    return fc.array(valueFor(type.ofType, extra, depth + 1), { maxLength: 3 });
  }
  if (type instanceof GraphQLInputObjectType) {
    const fields = type.getFields();
    const shape: Record<string, fc.Arbitrary<unknown>> = {};
    for (const [name, f] of Object.entries(fields))
      shape[name] = valueFor(f.type, extra, depth + 1);
    return fc.record(shape, { requiredKeys: [] });
  }
  if (isEnumType(type)) return fc.constantFrom(...type.getValues().map((v) => v.name));
  if (isScalarType(type)) {
    switch (type.name) {
      case "Int":
        return nastyInt;
      case "Float":
        return fc.double();
      case "Boolean":
        return fc.boolean();
      case "ID":
        return extra.ids.length > 0
          ? fc.oneof(nastyString, fc.constantFrom(...extra.ids))
          : nastyString;
      default:
        return extra.tokens.length > 0
          ? fc.oneof(
              { weight: 5, arbitrary: nastyString },
              { weight: 1, arbitrary: fc.constantFrom(...extra.tokens) },
            )
          : nastyString;
    }
  }
  return fc.anything();
}

/** A small selection: leaves first, objects two levels deep, so the query stays cheap. */
function selection(type: GraphQLOutputType, depth = 0): string {
  const named = getNamedType(type);
  if (isLeafType(named) || !(named instanceof GraphQLObjectType)) return "";
  const parts = ["__typename"];
  for (const [name, f] of Object.entries(named.getFields())) {
    if (f.args.some((a) => a.type instanceof GraphQLNonNull)) continue;
    const inner = getNamedType(f.type);
    if (isLeafType(inner)) parts.push(name);
    else if (depth < 2) parts.push(`${name} ${selection(f.type, depth + 1)}`);
  }
  return `{ ${parts.join(" ")} }`;
}

interface Operation {
  kind: "query" | "mutation";
  field: GraphQLField<unknown, unknown>;
}

function operationsOf(schema: GraphQLSchema): Operation[] {
  const ops: Operation[] = [];
  for (const [kind, root] of [
    ["query", schema.getQueryType()],
    ["mutation", schema.getMutationType()],
  ] as const) {
    for (const field of Object.values(root?.getFields() ?? {})) ops.push({ kind, field });
  }
  return ops;
}

function documentFor(op: Operation): string {
  const vars = op.field.args.map((a: GraphQLArgument) => `$${a.name}: ${a.type.toString()}`);
  const args = op.field.args.map((a) => `${a.name}: $${a.name}`);
  return `${op.kind}${vars.length ? `(${vars.join(", ")})` : ""} { ${op.field.name}${
    args.length ? `(${args.join(", ")})` : ""
  } ${selection(op.field.type)} }`;
}

/** The operations to fuzz, from the committed SDL (the first test checks it is the served one). */
const OPERATIONS = operationsOf(
  buildSchema(readFileSync(new URL("../../schema.graphql", import.meta.url), "utf8")),
);

/** Leaks: stack frames, file paths, SQL. */
const LEAK =
  /\bat [\w.<>]+ \(|node_modules|\/work\/|\.ts:\d+|QueryFailedError|SELECT |INSERT INTO|TypeORM/i;

describe("fuzz: random and malformed arguments to every operation, as every role", () => {
  let server: TestServer;
  let google: FakeGoogle;
  let schema: GraphQLSchema;
  const tokens: Record<Role, string | undefined> = {
    anonymous: undefined,
    user: undefined,
    superuser: undefined,
  };
  const ids: string[] = [];
  let hashes: { id: string; password_hash: string }[] = [];
  const goodTokens: string[] = [];
  let requests = 0;
  let ip = 0;
  let originals:
    | {
        id: string;
        username: string;
        username_key: string;
        email: string | null;
        password_hash: string | null;
      }[]
    | undefined;

  beforeAll(async () => {
    google = await startFakeGoogle();
    server = await startAuthenticatedServer({
      GATEHOUSE_TRUST_PROXY: "true",
      GATEHOUSE_NEW_USER_IS_ACTIVE: "true",
      ...google.env(),
    });
    const admin = await signIn(server, ADMIN.username, ADMIN.password);
    const userId = await createUser(server, admin.token, {
      ...USER,
      isActive: true,
      email: "fuzz-user@example.com",
    });
    ids.push(admin.userId, userId);
    hashes = await server.app.database.dataSource.query(
      `SELECT id, password_hash FROM users WHERE id IN ($1, $2)`,
      [admin.userId, userId],
    );
    // Team mode keeps introspection for signed-in callers only.
    const intro = await server.gql(getIntrospectionQuery(), {}, { token: admin.token });
    expect(intro.errors).toBeUndefined();
    schema = buildClientSchema(intro.data as never);
    // Real Google tokens with hostile claims: the verified path must still validate the email.
    const claims = fc.sample(
      fc.record({
        email: nastyString,
        sub: fc.string({ minLength: 1, maxLength: 30 }),
        email_verified: fc.boolean(),
      }),
      { numRuns: 12, seed: 7 },
    );
    for (const c of claims) goodTokens.push(google.idToken(c));
  });
  afterAll(async () => {
    await server?.close();
    await google?.close();
  });

  /**
   * Fresh sessions for both accounts, restored to their roles, names and passwords (a fuzzed
   * setActive, updateUser or removePassword may have changed them).
   */
  async function refreshSessions(): Promise<void> {
    const ds = server.app.database.dataSource;
    originals ??= await ds.query(
      `SELECT id, username, username_key, email, password_hash FROM users WHERE id IN ($1, $2)`,
      [ids[0], ids[1]],
    );
    for (const o of originals ?? []) {
      await ds.query(
        `UPDATE users SET username = $2, username_key = $3, email = $4, password_hash = $5 WHERE id = $1`,
        [o.id, o.username, o.username_key, o.email, o.password_hash],
      );
    }
    await ds.query(
      `UPDATE users SET is_active = true, is_superuser = (id = $1) WHERE id IN ($1, $2)`,
      [ids[0], ids[1]],
    );
    for (const h of hashes) {
      await server.app.database.dataSource.query(
        `UPDATE users SET password_hash = $2 WHERE id = $1`,
        [h.id, h.password_hash],
      );
    }
    const xff = { "x-forwarded-for": `10.99.255.${ip++ % 250}` };
    tokens.superuser = (await signIn(server, ADMIN.username, ADMIN.password, xff)).token;
    tokens.user = (await signIn(server, USER.username, USER.password, xff)).token;
  }

  async function send(
    role: Role,
    query: string,
    variables: unknown,
    forwardedFor: string,
  ): Promise<void> {
    const headers: Record<string, string> = {
      "content-type": "application/json",
      "x-forwarded-for": forwardedFor,
      // Hostile but legal header text: long, odd characters (HTTP allows Latin-1 only).
      "user-agent": `fuzz ${forwardedFor} ${"u".repeat(requests % 700)}`,
    };
    if (tokens[role]) headers.authorization = `Bearer ${tokens[role]}`;
    const res = await fetch(`${server.url}/graphql`, {
      method: "POST",
      headers,
      body: JSON.stringify({ query, variables }),
    });
    requests++;
    const text = await res.text();
    const context = `${res.status} ${query.slice(0, 120)} ${JSON.stringify(variables)?.slice(0, 200)} -> ${text.slice(0, 400)}`;
    expect(res.status, context).toBeLessThan(500);
    const body = JSON.parse(text) as {
      errors?: { message: string; extensions?: Record<string, unknown> }[];
    };
    for (const e of body.errors ?? []) {
      expect(e.extensions?.code, context).not.toBe("INTERNAL_SERVER_ERROR");
      expect(e.extensions?.stacktrace, context).toBeUndefined();
      expect(e.extensions?.exception, context).toBeUndefined();
    }
    expect(text, context).not.toMatch(LEAK);
  }

  const forwardedFor = fc.oneof(
    fc.ipV4(),
    fc.ipV6(),
    fc.constantFrom("", "unknown", "1.2.3.4, 5.6.7.8", "::ffff:127.0.0.1", "x".repeat(300)),
  );

  // Literal arguments of arbitrary JSON shape, written inline instead of as variables.
  const literal = fc.oneof(
    nastyString.map((s) => JSON.stringify(s)),
    nastyInt.map(String),
    fc.constantFrom("null", "true", "[1, 2]", "{ a: 1 }", "ENUM_VALUE", "$undeclared"),
  );

  it("fuzzes every operation the server serves (the committed SDL is the served schema)", () => {
    const served = operationsOf(schema).map((o) => `${o.kind} ${o.field.name}`);
    expect(OPERATIONS.map((o) => `${o.kind} ${o.field.name}`).sort()).toEqual(served.sort());
    // The contract's operations are all here (the list comes from the schema, not from this file).
    expect(OPERATIONS.length).toBeGreaterThanOrEqual(23);
  });

  // One test per operation, so the time budget grows with the schema rather than running out.
  for (const op of OPERATIONS) {
    it(`${op.kind} ${op.field.name} answers cleanly, as anonymous, user and superuser`, {
      timeout: 90_000,
    }, async () => {
      const query = documentFor(op);
      const shape: Record<string, fc.Arbitrary<unknown>> = {};
      for (const a of op.field.args) {
        shape[a.name] = fc.oneof(
          { weight: 6, arbitrary: valueFor(a.type, { ids, tokens: goodTokens }) },
          { weight: 1, arbitrary: wrongValue },
        );
      }
      // Sometimes a required variable is left out entirely.
      const vars = fc.record(shape, { requiredKeys: [] });
      for (const role of ["anonymous", "user", "superuser"] as const) {
        await refreshSessions();
        await fc.assert(
          fc.asyncProperty(vars, forwardedFor, async (v, xff) => {
            await send(role, query, v, xff);
          }),
          { numRuns: RUNS, seed: 20261123 + requests, endOnFailure: true },
        );
      }
      if (op.field.args.length === 0) return;
      await fc.assert(
        fc.asyncProperty(
          fc.array(literal, { minLength: op.field.args.length, maxLength: op.field.args.length }),
          async (lits) => {
            const args = op.field.args.map((a, i) => `${a.name}: ${lits[i]}`).join(", ");
            await send(
              "superuser",
              `${op.kind} { ${op.field.name}(${args}) ${selection(op.field.type)} }`,
              {},
              "10.1.1.1",
            );
          },
        ),
        { numRuns: 3, seed: 4242 },
      );
    });
  }

  it("the server is still up and the database holds nothing it should not", async () => {
    // Every operation was really exercised for every role (23 in the contract).
    expect(requests).toBeGreaterThanOrEqual(23 * 3 * RUNS);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    // Accounts made by magic-link requests and Google sign-ins are written after the response.
    await server.app.services.background.idle();
    const ds = server.app.database.dataSource;
    const users = (await ds.query(`SELECT username, email FROM users`)) as {
      username: string;
      email: string | null;
    }[];
    expect(users.length).toBeGreaterThanOrEqual(2);
    for (const u of users) {
      expect(checkUsername(u.username), `username ${JSON.stringify(u.username)}`).toBeNull();
      if (u.email !== null) {
        expect(checkEmail(u.email), `email ${JSON.stringify(u.email)}`).toBeNull();
        expect(u.email).toBe(normalizeEmail(u.email));
      }
    }
    const vars = (await ds.query(
      `SELECT owner_id, name, ciphertext, key_fingerprint FROM variables`,
    )) as {
      owner_id: string;
      name: string;
      ciphertext: string;
      key_fingerprint: string;
    }[];
    const perOwner = new Map<string, number>();
    for (const v of vars) {
      expect(checkVariableName(v.name), `variable ${JSON.stringify(v.name)}`).toBeNull();
      const value = server.app.services.secrets.open(v.ciphertext, v.key_fingerprint);
      expect(value).not.toBeNull();
      expect(checkVariableValue(value!)).toBeNull();
      perOwner.set(v.owner_id, (perOwner.get(v.owner_id) ?? 0) + 1);
    }
    for (const n of perOwner.values()) expect(n).toBeLessThanOrEqual(Limits.variablesPerUser);
    // Every stored user agent fits the documented limit (long ones were cut, not refused with a 500).
    const agents = (await ds.query(
      `SELECT user_agent FROM sessions WHERE user_agent IS NOT NULL`,
    )) as {
      user_agent: string;
    }[];
    for (const a of agents) expect(a.user_agent.length).toBeLessThanOrEqual(Limits.userAgentMax);
  });
});
