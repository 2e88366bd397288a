import { readFileSync } from "node:fs";
import {
  buildSchema,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLNamedType,
  isEnumType,
  isInputObjectType,
  isObjectType,
} from "graphql";
import { describe, expect, it } from "vitest";
import { buildGatehouseSchema, printGatehouseSchema } from "./schema.js";

/** Contract items whose feature has not landed yet. Empty when the contract is complete. */
const NOT_YET_BUILT: string[] = [];

const committedPath = new URL("../../schema.graphql", import.meta.url);
const contractPath = new URL("../../test/fixtures/api-contract.graphql", import.meta.url);

describe("schema", () => {
  it("apps/api/schema.graphql is what the code emits (run `pnpm schema` when this fails)", async () => {
    const emitted = printGatehouseSchema(await buildGatehouseSchema());
    expect(readFileSync(committedPath, "utf8")).toBe(emitted);
  });

  it("contains every type, field, argument and enum value of the shared contract, same nullability", async () => {
    const ours = await buildGatehouseSchema();
    const contract = buildSchema(readFileSync(contractPath, "utf8"));
    const problems: string[] = [];
    for (const [name, want] of Object.entries(contract.getTypeMap())) {
      if (name.startsWith("__")) continue;
      const have = ours.getType(name) as GraphQLNamedType | undefined;
      if (!have) {
        problems.push(`missing type ${name}`);
        continue;
      }
      if (have.constructor !== want.constructor)
        problems.push(`${name} is a different kind of type`);
      if (isEnumType(want) && isEnumType(have)) {
        for (const v of want.getValues())
          if (!have.getValue(v.name)) problems.push(`missing enum value ${name}.${v.name}`);
      }
      if (
        (isObjectType(want) && isObjectType(have)) ||
        (isInputObjectType(want) && isInputObjectType(have))
      ) {
        const haveFields = have.getFields() as Record<
          string,
          GraphQLField<unknown, unknown> | GraphQLInputField
        >;
        for (const [fname, wf] of Object.entries(
          want.getFields() as Record<string, GraphQLField<unknown, unknown> | GraphQLInputField>,
        )) {
          const hf = haveFields[fname];
          if (!hf) {
            problems.push(`missing field ${name}.${fname}`);
            continue;
          }
          if (String(hf.type) !== String(wf.type))
            problems.push(`${name}.${fname}: ${hf.type} instead of ${wf.type}`);
          if ("args" in wf && "args" in hf) {
            for (const wa of wf.args) {
              const ha = hf.args.find((a) => a.name === wa.name);
              if (!ha) problems.push(`missing argument ${name}.${fname}(${wa.name})`);
              else if (String(ha.type) !== String(wa.type))
                problems.push(`${name}.${fname}(${wa.name}): ${ha.type} instead of ${wa.type}`);
            }
            for (const ha of hf.args) {
              if (
                !wf.args.some((a) => a.name === ha.name) &&
                String(ha.type).endsWith("!") &&
                ha.defaultValue === undefined
              ) {
                problems.push(`added argument ${name}.${fname}(${ha.name}) must be optional`);
              }
            }
          }
        }
      }
    }
    const missing = problems.filter((p) => p.startsWith("missing")).sort();
    const wrong = problems.filter((p) => !p.startsWith("missing"));
    expect(wrong).toEqual([]);
    // NOT_YET_BUILT names contract items whose feature has not landed; it must match exactly,
    // so it can only shrink as features land, and an item cannot be listed once it exists.
    expect(missing).toEqual([...NOT_YET_BUILT].sort());
  });
});
