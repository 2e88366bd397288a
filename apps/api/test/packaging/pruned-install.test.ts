// SLOW (about 10–60 s): packs a production install with the Dockerfile's own script
// (apps/api/scripts/pack-runtime.mjs: `pnpm deploy --prod` plus the built console) and runs it
// with plain `node`, as the container does. Needs `pnpm build` first (`pnpm test` does it).
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import {
  buildClientSchema,
  getIntrospectionQuery,
  type IntrospectionQuery,
  lexicographicSortSchema,
  printSchema,
} from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createScratchDatabase, usingPostgres } from "../helpers/database.js";
import { freePort, REPO_ROOT } from "../helpers/spawn-server.js";

const run = promisify(execFile);
const MAX_INSTALL_MB = 150;
const BUILT = [
  "apps/api/dist/cli.js",
  "packages/shared/dist/index.js",
  "apps/console/dist/index.html",
];

/** The server's output so far, and a promise for the first line matching a pattern. */
class Output {
  text = "";
  private waiters: { pattern: RegExp; resolve: () => void }[] = [];
  constructor(child: ChildProcess) {
    const add = (d: Buffer) => {
      this.text += String(d);
      const met = this.waiters.filter((w) => w.pattern.test(this.text));
      this.waiters = this.waiters.filter((w) => !met.includes(w));
      for (const w of met) w.resolve();
    };
    child.stdout?.on("data", add);
    child.stderr?.on("data", add);
  }
  waitFor(pattern: RegExp): Promise<void> {
    if (pattern.test(this.text)) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ pattern, resolve }));
  }
}

describe("pruned production install (pack-runtime, plain node)", () => {
  const work = mkdtempSync(join(tmpdir(), "gatehouse-pruned-"));
  const out = join(work, "runtime");
  const cli = join(out, "apps/api/dist/cli.js");
  let dropDatabase: (() => Promise<void>) | undefined;
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    const missing = BUILT.filter((f) => !existsSync(join(REPO_ROOT, f)));
    if (missing.length > 0) throw new Error(`${missing.join(", ")} missing: run pnpm build first`);
    await run(process.execPath, [join(REPO_ROOT, "apps/api/scripts/pack-runtime.mjs"), out], {
      cwd: REPO_ROOT,
      timeout: 280_000,
    });
  }, 300_000);

  afterAll(async () => {
    if (child && child.exitCode === null) child.kill("SIGKILL");
    await dropDatabase?.();
    rmSync(work, { recursive: true, force: true });
  });

  it(`holds production dependencies only, within ${MAX_INSTALL_MB} MB`, async () => {
    const store = readdirSync(join(out, "apps/api/node_modules/.pnpm"));
    for (const dev of ["tsx@", "typescript@", "vitest@", "esbuild@", "vite@", "@biomejs"]) {
      expect(store.filter((p) => p.startsWith(dev))).toEqual([]);
    }
    expect(existsSync(join(out, "apps/api/src"))).toBe(false);
    const { stdout } = await run("du", ["-sm", out]);
    const mb = Number(stdout.split("\t")[0]);
    console.log(`pruned install: ${mb} MB`);
    expect(mb).toBeLessThanOrEqual(MAX_INSTALL_MB);
  });

  it("runs the bundled build: a few files in dist/, not the module tree", () => {
    const dist = readdirSync(join(out, "apps/api/dist"), { recursive: true }).map(String);
    expect(dist).toContain("cli.js");
    expect(dist).toContain("db/embedded-thread.mjs");
    // tsc's layout (features/, graphql/, ...) is not shipped: esbuild's chunks replace it.
    expect(dist.filter((f) => f.startsWith("features"))).toEqual([]);
    expect(dist.filter((f) => f.endsWith(".js")).length).toBeLessThan(100);
  });

  it("has an executable `gatehouse` bin: the compiled CLI, run by node", async () => {
    const pkg = JSON.parse(readFileSync(join(out, "apps/api/package.json"), "utf8"));
    expect(pkg.bin).toEqual({ gatehouse: "./dist/cli.js" });
    expect(readFileSync(cli, "utf8").split("\n")[0]).toBe("#!/usr/bin/env node");
    const { stdout } = await run(cli, ["--version"], { env: { PATH: process.env.PATH ?? "" } });
    expect(stdout.trim()).toBe(pkg.version);
  });

  it("starts with `node dist/cli.js run`, serves the console and /readyz, and drains on SIGTERM", async () => {
    const port = await freePort();
    let databaseUrl: string | undefined;
    if (usingPostgres) {
      const scratch = await createScratchDatabase();
      databaseUrl = scratch.url;
      dropDatabase = scratch.drop;
    }
    const t0 = performance.now();
    // One process, started the way the image's CMD does: node itself gets the signal.
    child = spawn(process.execPath, [cli, "run"], {
      cwd: work,
      env: {
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? "/tmp",
        GATEHOUSE_PORT: String(port),
        GATEHOUSE_DATA_DIR: join(work, "data"),
        GATEHOUSE_LOG_LEVEL: "info",
        NODE_ENV: "production",
        ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const output = new Output(child);
    const exited = new Promise<number | null>((resolve) => child?.once("exit", resolve));
    const listening = output.waitFor(/Gatehouse is listening on/);
    await Promise.race([
      listening,
      exited.then((code) => {
        throw new Error(`server exited with ${code}: ${output.text.slice(0, 800)}`);
      }),
    ]);
    const url = `http://127.0.0.1:${port}`;
    // Migrations and start-up tasks finish before the server listens: ready at once.
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    console.log(`compiled server ready in ${Math.round(performance.now() - t0)} ms`);

    // The bundled build (scripts/build.mjs) serves the same API as the sources: the schema it
    // builds is the committed one (class names survive bundling), and a query reaches the
    // database through TypeORM's entities (auto-login answers as the default superuser).
    const graphql = async (query: string) => {
      const res = await fetch(`${url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query }),
      });
      return (await res.json()) as { data?: Record<string, unknown>; errors?: unknown };
    };
    const introspection = await graphql(getIntrospectionQuery());
    expect(introspection.errors).toBeUndefined();
    const served = printSchema(
      lexicographicSortSchema(
        buildClientSchema(introspection.data as unknown as IntrospectionQuery),
      ),
    );
    expect(`${served}\n`).toBe(readFileSync(join(REPO_ROOT, "apps/api/schema.graphql"), "utf8"));
    expect(await graphql("{ me { username } }")).toEqual({ data: { me: { username: "default" } } });
    // An input-object argument: TypeGraphQL's argument handling must work bundled too.
    expect(
      await graphql(
        'mutation { createUser(input: { username: "bundled", password: "Tz9#kq2!Lm-bundle" }) { username } }',
      ),
    ).toEqual({ data: { createUser: { username: "bundled" } } });

    const page = await fetch(`${url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toBe(
      readFileSync(join(REPO_ROOT, "apps/console/dist/index.html"), "utf8"),
    );

    // A request in flight when SIGTERM arrives: its headers are in (the server answered
    // 100-continue), its body is not. It must still get its answer before the process exits.
    const body = JSON.stringify({ query: "{ serverInfo { version } }" });
    const answer = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(`${url}/graphql`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
          expect: "100-continue",
          connection: "close",
        },
      });
      req.on("error", reject);
      req.on("response", (res) => {
        let text = "";
        res.on("data", (d) => {
          text += d;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
      });
      req.on("continue", async () => {
        child?.kill("SIGTERM");
        await output.waitFor(/shutting down/);
        req.end(body);
      });
      req.flushHeaders();
    });
    const r = await answer;
    expect(r.status).toBe(200);
    expect(JSON.parse(r.text).data.serverInfo.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(await exited).toBe(0);
    // Closed for good: nothing listens any more.
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  }, 120_000);
});
