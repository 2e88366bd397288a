// The peer for the session-check comparison: Better Auth, email+password, production settings,
// on the same kind of database as ours (PostgreSQL from DATABASE_URL, else its own PGlite
// behind the same socket bridge), in its own process. Prints "ready <port>".
import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import { betterAuth } from "better-auth";
import { getMigrations } from "better-auth/db/migration";
import { toNodeHandler } from "better-auth/node";
import pg from "pg";
import { startEmbeddedPostgres } from "../../apps/api/src/db/embedded.js";

const port = Number(process.env.PORT ?? "0");
let connectionString = process.env.DATABASE_URL;
let poolMax = 10;
if (!connectionString) {
  const embedded = await startEmbeddedPostgres("memory");
  connectionString = embedded.url;
  poolMax = 1; // PGlite is one session, exactly as for Gatehouse
}
const u = new URL(connectionString);
const socketHost = u.searchParams.get("host");
const pool = new pg.Pool(
  socketHost
    ? {
        host: socketHost,
        port: Number(u.port),
        user: u.username,
        database: u.pathname.slice(1),
        max: poolMax,
      }
    : { connectionString, max: poolMax },
);
// Production settings as Better Auth's docs recommend them (NODE_ENV=production from the bench,
// a long random secret, an explicit baseURL and trusted origin). Two deliberate choices:
// the rate limiter is off, since the load would otherwise measure its 429s (ours has none
// on `me` either); and the cookie cache is the one switch the bench compares, off (every
// check reads the session, as ours does) and on (its fastest, five minutes of staleness).
const baseURL = `http://127.0.0.1:${port}`;
const auth = betterAuth({
  database: pool,
  baseURL,
  trustedOrigins: [baseURL],
  secret: randomBytes(32).toString("base64url"),
  emailAndPassword: { enabled: true },
  session: {
    cookieCache: { enabled: process.env.BENCH_COOKIE_CACHE === "on", maxAge: 5 * 60 },
  },
  logger: { disabled: true },
  rateLimit: { enabled: false },
});
const { runMigrations } = await getMigrations(auth.options);
await runMigrations();
const server = createServer(toNodeHandler(auth));
server.listen(port, "127.0.0.1", () => {
  const addr = server.address() as { port: number };
  process.stdout.write(`ready ${addr.port}\n`);
});
process.on("SIGTERM", () => server.close(() => pool.end().then(() => process.exit(0))));
