// Arbitraries and GraphQL helpers for fuzz.test.ts (kept apart so the suite stays readable).
import { readFileSync } from "node:fs";
import { Limits } from "@gatehouse/shared";
import fc from "fast-check";
import {
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
  getNamedType,
  isEnumType,
  isLeafType,
  isScalarType,
} from "graphql";

/** Strings a careless resolver trips over: empty, blank, huge, control characters, injections, lone surrogates. */
export const nastyString = fc.oneof(
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

export const nastyInt = fc.oneof(
  fc.integer(),
  fc.constantFrom(0, -1, 1, Limits.pageSizeMax, Limits.pageSizeMax + 1, 2 ** 31 - 1, -(2 ** 31)),
);

/** A value that does not fit the declared type: GraphQL must refuse it cleanly. */
export const wrongValue = fc.oneof(
  fc.constant(null),
  fc.double(),
  fc.constant(2 ** 53),
  fc.boolean(),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 3 }),
  fc.string({ maxLength: 10 }),
);

/** Values for a GraphQL input type, mostly well-typed, sometimes not. */
export function valueFor(
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
export function selection(type: GraphQLOutputType, depth = 0): string {
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

export interface Operation {
  kind: "query" | "mutation";
  field: GraphQLField<unknown, unknown>;
}

export function operationsOf(schema: GraphQLSchema): Operation[] {
  const ops: Operation[] = [];
  for (const [kind, root] of [
    ["query", schema.getQueryType()],
    ["mutation", schema.getMutationType()],
  ] as const) {
    for (const field of Object.values(root?.getFields() ?? {})) ops.push({ kind, field });
  }
  return ops;
}

export function documentFor(op: Operation): string {
  const vars = op.field.args.map((a: GraphQLArgument) => `$${a.name}: ${a.type.toString()}`);
  const args = op.field.args.map((a) => `${a.name}: $${a.name}`);
  return `${op.kind}${vars.length ? `(${vars.join(", ")})` : ""} { ${op.field.name}${
    args.length ? `(${args.join(", ")})` : ""
  } ${selection(op.field.type)} }`;
}

/** The operations to fuzz, from the committed SDL (the first test checks it is the served one). */
export const OPERATIONS = operationsOf(
  buildSchema(readFileSync(new URL("../../schema.graphql", import.meta.url), "utf8")),
);

/** Leaks: stack frames, file paths, SQL. */
export const LEAK =
  /\bat [\w.<>]+ \(|node_modules|\/work\/|\.ts:\d+|QueryFailedError|SELECT |INSERT INTO|TypeORM/i;
