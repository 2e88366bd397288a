import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../../test/helpers/test-server.js";
import type { Services } from "../services.js";
import {
  buildRoutes,
  CONSOLE_PAGES_UNDER_RESERVED,
  isReservedPath,
  type RouteDeps,
} from "./routes.js";

const CONSOLE_SRC = new URL("../../../console/src/", import.meta.url).pathname;

/** Every page path the console's router knows, read from its source (":id" filled in). */
function consolePagePaths(): string[] {
  const sources = ["App.tsx", "main.tsx"].map((f) => readFileSync(join(CONSOLE_SRC, f), "utf8"));
  const paths = new Set<string>();
  for (const src of sources) {
    for (const m of src.matchAll(/pathname === "(\/[^"]*)"/g)) paths.add(m[1]!);
    for (const m of src.matchAll(/matchPath\("(\/[^"]*)"/g))
      paths.add(m[1]!.replace(/:\w+/g, "x1"));
    for (const m of src.matchAll(/PUBLIC_PATHS = \[([^\]]*)\]/g))
      for (const p of m[1]!.matchAll(/"(\/[^"]*)"/g)) paths.add(p[1]!);
  }
  return [...paths].sort();
}

describe("route table: reserved paths and the console fallback", () => {
  let server: TestServer;
  let consoleDir: string;
  beforeAll(async () => {
    // A stand-in for the built console, so the test does not depend on `pnpm build`.
    consoleDir = mkdtempSync(join(tmpdir(), "gatehouse-console-"));
    mkdirSync(join(consoleDir, "assets"));
    writeFileSync(join(consoleDir, "index.html"), "<!doctype html><title>console index</title>");
    writeFileSync(join(consoleDir, "playground.html"), "<!doctype html><title>playground</title>");
    writeFileSync(join(consoleDir, "assets", "app.js"), "console.log(1)");
    server = await startTestServer({
      GATEHOUSE_CONSOLE_DIR: consoleDir,
      GOOGLE_CLIENT_ID: "cid.apps.googleusercontent.com",
    });
  });
  afterAll(async () => {
    await server?.close();
    rmSync(consoleDir, { recursive: true, force: true });
  });

  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${server.url}${path}`, { headers, redirect: "manual" });

  it.each([
    "/api/users",
    "/api",
    "/auth/whatever",
    "/auth/google",
    "/auth/magic/extra",
    "/.well-known/something-else",
    "/metrics/extra",
    "/graphql/anything",
    "/healthz/x",
  ])("GET %s is a JSON 404, not the console", async (path) => {
    const r = await get(path);
    expect(r.status).toBe(404);
    expect(r.headers.get("content-type")).toMatch(/application\/json/);
    expect(await r.json()).toEqual({ error: "Not found" });
  });

  it("mounts the OpenID Connect provider by prefix: discovery, and OAuth-style 404s under /oidc/", async () => {
    const discovery = await get("/.well-known/openid-configuration");
    expect(discovery.status).toBe(200);
    expect(((await discovery.json()) as { issuer: string }).issuer).toMatch(
      /^http:\/\/127\.0\.0\.1:/,
    );
    const unknown = await get("/oidc/nothing-here");
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: string }).error).toBe("invalid_request");
  });

  it("serves index.html for every page the console's router has, /auth/magic included", async () => {
    const pages = consolePagePaths();
    // The scan must really have found the router's pages, or this test proves nothing.
    expect(pages).toEqual(
      expect.arrayContaining(["/", "/login", "/auth/magic", "/admin/users/x1"]),
    );
    for (const page of pages) {
      const r = await get(page);
      expect(r.status, page).toBe(200);
      expect(await r.text(), page).toContain("console index");
    }
    // Console pages under a reserved prefix must be listed as such.
    for (const page of pages.filter((p) => p.startsWith("/auth/")))
      expect(CONSOLE_PAGES_UNDER_RESERVED.has(page), page).toBe(true);
  });

  it("keeps the magic-link landing page working with its token (query ignored for routing)", async () => {
    const r = await get("/auth/magic?token=abc");
    expect(r.status).toBe(200);
    expect(await r.text()).toContain("console index");
  });

  it("lets the console show its own not-found page for unknown page paths", async () => {
    const r = await get("/no/such/page");
    expect(r.status).toBe(200);
    expect(await r.text()).toContain("console index");
  });

  it("answers a missing file with a plain 404, never index.html", async () => {
    for (const path of ["/assets/missing.js", "/favicon.ico", "/robots.txt"]) {
      const r = await get(path);
      expect(r.status, path).toBe(404);
      expect(await r.text(), path).not.toContain("console index");
    }
    const asset = await get("/assets/app.js");
    expect(asset.status).toBe(200);
  });

  it("serves the playground at /playground", async () => {
    const r = await get("/playground");
    expect(r.status).toBe(200);
    expect(await r.text()).toContain("playground");
  });

  it("GET /graphql without a query: 404 JSON for clients, a redirect for browsers", async () => {
    const api = await get("/graphql");
    expect(api.status).toBe(404);
    expect(await api.json()).toEqual({ error: "Not found" });
    const browser = await get("/graphql", { accept: "text/html,application/xhtml+xml" });
    expect(browser.status).toBe(302);
    expect(browser.headers.get("location")).toBe("/playground");
    // With a query it is still GraphQL (Apollo's CSRF prevention wants a safe header).
    const q = await get(`/graphql?query=${encodeURIComponent("{serverInfo{version}}")}`, {
      "apollo-require-preflight": "1",
    });
    expect(q.status).toBe(200);
    // A persisted-query GET has only a hash; Apollo answers it (here: not found), not the 404.
    const hash = { persistedQuery: { version: 1, sha256Hash: "0".repeat(64) } };
    const apq = await get(`/graphql?extensions=${encodeURIComponent(JSON.stringify(hash))}`, {
      "apollo-require-preflight": "1",
    });
    const body = (await apq.json()) as { errors?: { extensions?: { code?: string } }[] };
    expect(body.errors?.[0]?.extensions?.code).toBe("PERSISTED_QUERY_NOT_FOUND");
  });

  it("serves Google's start route under /auth/ (it redirects when Google is off)", async () => {
    const r = await get("/auth/google/start");
    expect(r.status).toBe(302);
    expect(r.headers.get("location")).toBe("/login?error=google_disabled");
  });

  it("refuses other methods on console paths with 405", async () => {
    const r = await fetch(`${server.url}/admin`, { method: "POST" });
    expect(r.status).toBe(405);
  });

  it("isReservedPath matches whole segments only", () => {
    expect(isReservedPath("/authors")).toBe(false);
    expect(isReservedPath("/apiary")).toBe(false);
    expect(isReservedPath("/auth")).toBe(true);
    expect(isReservedPath("/auth/magic")).toBe(false);
  });
});

describe("feature routes in the table", () => {
  const routeFor = buildRoutes({
    apollo: {},
    isReady: async () => true,
    services: { config: { consoleDir: "/nonexistent" }, metrics: {} } as unknown as Services,
  } as unknown as RouteDeps);

  it("lists Google's redirect routes by exact path, then reserved 404s, then the console", () => {
    expect(routeFor("/auth/google/start").name).toBe("/auth/google/start");
    expect(routeFor("/auth/google/callback").name).toBe("/auth/google/callback");
    expect(routeFor("/auth/google/start/x").name).toBe("not_found");
    expect(routeFor("/auth/google").name).toBe("not_found");
    expect(routeFor("/graphql").name).toBe("graphql");
    expect(routeFor("/metrics").name).toBe("metrics");
    expect(routeFor("/api/x").name).toBe("not_found");
    expect(routeFor("/account").name).toBe("console");
  });
});
