// Opens an existing PGlite data dir, runs one query, prints "ready": the floor for our start-up.
import { PGlite } from "@electric-sql/pglite";

const dir = process.argv[2];
if (!dir) throw new Error("usage: pglite-bare.ts <data dir>");
const db = await PGlite.create(dir);
await db.query("SELECT 1");
process.stdout.write("ready\n");
await db.close();
