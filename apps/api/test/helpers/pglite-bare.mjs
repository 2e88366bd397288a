// Opens an existing PGlite data dir, runs one query, prints "ready": the floor for our start-up.
// Plain JavaScript run by plain node, as the compiled server is: no loader on either side.
import { PGlite } from "@electric-sql/pglite";

const dir = process.argv[2];
if (!dir) throw new Error("usage: pglite-bare.mjs <data dir>");
const db = await PGlite.create(dir);
await db.query("SELECT 1");
process.stdout.write("ready\n");
await db.close();
