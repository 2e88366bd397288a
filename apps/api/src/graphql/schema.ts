import "reflect-metadata";
import {
  assertValidSchema,
  type GraphQLSchema,
  lexicographicSortSchema,
  printSchema,
} from "graphql";
import { DateTimeResolver } from "graphql-scalars";
import { buildSchema } from "type-graphql";
import type { Services } from "../services.js";
import { authChecker } from "./auth-checker.js";
import { resolvers } from "./resolvers.js";

/**
 * Builds the schema. Resolver classes are constructed once, on first use, with the
 * app's services (they are thin: authorize, validate, call a service).
 */
export async function buildGatehouseSchema(
  services?: Services | (() => Services | undefined),
): Promise<GraphQLSchema> {
  // A getter lets the app build the schema while its database opens, before services exist.
  const current = typeof services === "function" ? services : () => services;
  const instances = new Map<unknown, unknown>();
  const schema = await buildSchema({
    resolvers,
    // TypeGraphQL's own check runs a whole introspection query (a third of the schema's
    // build time, on the start-up path); graphql's validation below finds the same errors
    // and is what the first request would run anyway (its result is kept on the schema).
    skipCheck: true,
    authChecker,
    authMode: "error",
    // Rules live in the services (packages/shared validates both sides); no input class has
    // class-validator decorators. Off, TypeGraphQL never imports class-validator: in the
    // bundled build its lazy CommonJS import lost the named exports and every input-object
    // argument failed.
    validate: false,
    scalarsMap: [{ type: Date, scalar: DateTimeResolver }],
    container: {
      get(cls: new (s: Services) => unknown) {
        const svc = current();
        if (!svc) throw new Error("schema built without services cannot execute");
        let inst = instances.get(cls);
        if (!inst) {
          inst = new cls(svc);
          instances.set(cls, inst);
        }
        return inst;
      },
    },
  });
  assertValidSchema(schema);
  return schema;
}

/** The SDL committed as apps/api/schema.graphql (sorted, so diffs stay readable). */
export function printGatehouseSchema(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
