import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe } from "vitest";
import { freePort } from "./spawn-server.js";

// Real nginx and Caddy from Debian's packages, run as this test's own processes with their
// configuration in a temp folder (never the system services).

export const NGINX = process.env.NGINX_PATH || "/usr/sbin/nginx";
export const CADDY = process.env.CADDY_PATH || "/usr/bin/caddy";
const inCI = process.env.CI === "true";

const FIXTURES = new URL("../fixtures/proxies/", import.meta.url).pathname;
/** The proxy configurations docs/integrations.md shows, exactly as the tests run them. */
export const NGINX_FIXTURE = join(FIXTURES, "forward-auth.nginx.conf");
export const CADDY_FIXTURE = join(FIXTURES, "forward-auth.Caddyfile");

const warned = new Set<string>();
function found(name: string, path: string): boolean {
  if (existsSync(path)) return true;
  if (!warned.has(name)) {
    warned.add(name);
    const line = `!!! ${name.toUpperCase()} TESTS ${inCI ? "FAIL" : "SKIPPED"}: ${name} not found at ${path} — apt-get install ${name}`;
    // Loud on purpose: a skipped proxy suite must never look like a green one.
    console.error(`\n${"!".repeat(line.length)}\n${line}\n${"!".repeat(line.length)}\n`);
  }
  return false;
}

/**
 * describe() for suites that need a proxy binary: skipped loudly on a laptop without it;
 * under CI=true it runs anyway, so starting the proxy fails and CI goes red.
 */
export function describeWith(name: "nginx" | "caddy", title: string, fn: () => void): void {
  const present = found(name, name === "nginx" ? NGINX : CADDY);
  describe.skipIf(!present && !inCI)(title, { timeout: 120_000 }, fn);
}

export interface ProxyProcess {
  url: string;
  port: number;
  output(): string;
  stop(): Promise<void>;
}

export interface ProxyTargets {
  /** Gatehouse's base URL (http://127.0.0.1:port). */
  gatehouse: string;
  /** The protected app's base URL. */
  app: string;
}

function hostPort(url: string): string {
  return new URL(url).host;
}

/** The nginx fixture, pointed at these addresses and wrapped in a main config of its own. */
export function nginxConfig(
  dir: string,
  port: number,
  t: ProxyTargets,
  site = readFileSync(NGINX_FIXTURE, "utf8"),
): string {
  const server = site
    .replaceAll("gatehouse:7861", hostPort(t.gatehouse))
    .replaceAll("app:8080", hostPort(t.app))
    .replace("listen 80;", `listen 127.0.0.1:${port};`);
  for (const d of ["body", "proxy", "fastcgi", "uwsgi", "scgi"])
    mkdirSync(join(dir, d), { recursive: true });
  // One process (no master): it runs as this user, whatever that is, and stops with it.
  return `daemon off;
master_process off;
pid ${dir}/nginx.pid;
error_log stderr warn;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path ${dir}/body;
    proxy_temp_path ${dir}/proxy;
    fastcgi_temp_path ${dir}/fastcgi;
    uwsgi_temp_path ${dir}/uwsgi;
    scgi_temp_path ${dir}/scgi;
${server}
}
`;
}

/** The Caddy fixture, pointed at these addresses, plain HTTP on loopback, no admin API. */
export function caddyConfig(
  port: number,
  t: ProxyTargets,
  site = readFileSync(CADDY_FIXTURE, "utf8"),
): string {
  const body = site
    .replaceAll("gatehouse:7861", hostPort(t.gatehouse))
    .replaceAll("app:8080", hostPort(t.app))
    .replace("app.example.com {", `http://127.0.0.1:${port} {`);
  return `{
	admin off
	auto_https off
	default_bind 127.0.0.1
}
${body}`;
}

export async function startNginx(
  t: ProxyTargets,
  opts: { site?: string } = {},
): Promise<ProxyProcess> {
  const dir = mkdtempSync(join(tmpdir(), "gatehouse-nginx-"));
  const port = await freePort();
  const file = join(dir, "nginx.conf");
  writeFileSync(file, nginxConfig(dir, port, t, opts.site));
  const child = spawn(NGINX, ["-p", dir, "-c", file], { stdio: ["ignore", "pipe", "pipe"] });
  return started(child, port, dir);
}

export async function startCaddy(
  t: ProxyTargets,
  opts: { site?: string } = {},
): Promise<ProxyProcess> {
  const dir = mkdtempSync(join(tmpdir(), "gatehouse-caddy-"));
  const port = await freePort();
  const file = join(dir, "Caddyfile");
  writeFileSync(file, caddyConfig(port, t, opts.site));
  const child = spawn(CADDY, ["run", "--config", file, "--adapter", "caddyfile"], {
    stdio: ["ignore", "pipe", "pipe"],
    // Caddy keeps state under HOME/XDG folders: keep it in the temp folder.
    env: { PATH: process.env.PATH ?? "", HOME: dir, XDG_DATA_HOME: dir, XDG_CONFIG_HOME: dir },
  });
  return started(child, port, dir);
}

/** Resolves once the proxy accepts connections; fails as soon as it exits. */
async function started(child: ChildProcess, port: number, dir: string): Promise<ProxyProcess> {
  let out = "";
  child.stdout?.on("data", (d) => (out += String(d)));
  child.stderr?.on("data", (d) => (out += String(d)));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const spawnError = new Promise<never>((_, reject) => child.once("error", reject));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };
  const t0 = performance.now();
  let pause = 10;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`proxy exited with ${child.exitCode}: ${out.trim().slice(0, 1500)}`);
    }
    const up = await Promise.race([canConnect(port), spawnError]);
    if (up) break;
    if (performance.now() - t0 > 30_000) {
      await stop();
      throw new Error(`proxy not listening on ${port} within 30 s: ${out.slice(0, 1500)}`);
    }
    await new Promise((r) => setTimeout(r, pause));
    pause = Math.min(pause * 2, 200);
  }
  return { url: `http://127.0.0.1:${port}`, port, output: () => out, stop };
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(port, "127.0.0.1");
    s.once("connect", () => {
      s.destroy();
      resolve(true);
    });
    s.once("error", () => resolve(false));
  });
}
