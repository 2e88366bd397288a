// `pnpm schema`: writes apps/api/schema.graphql from the code.
import { writeFileSync } from "node:fs";
import { buildGatehouseSchema, printGatehouseSchema } from "./schema.js";

export const SCHEMA_PATH = new URL("../../schema.graphql", import.meta.url);

const schema = await buildGatehouseSchema();
writeFileSync(SCHEMA_PATH, printGatehouseSchema(schema));
console.log(`wrote ${SCHEMA_PATH.pathname}`);
