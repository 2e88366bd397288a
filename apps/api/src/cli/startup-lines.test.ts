import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CLI, TSX } from "../../test/helpers/cli.js";
import { captureLogs } from "../../test/helpers/log-capture.js";
import { freePort, REPO_ROOT, spawnServer } from "../../test/helpers/spawn-server.js";
import { loadConfig } from "../config/config.js";
import { createLogger } from "../logger.js";
import { announceListening } from "./startup-lines.js";

const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, "g");

/**
 * `gatehouse run` in a pseudo-terminal (util-linux `script`), stopped with Ctrl-C once the
 * start-up lines are out, as a person at a terminal would.
 */
function runInTerminal(env: Record<string, string>): Promise<string> {
  return new Promise((done, fail) => {
    const child = spawn("script", ["-qec", `${TSX} ${CLI} run`, "/dev/null"], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", TERM: "dumb", ...env },
    });
    let out = "";
    let interrupted = false;
    child.stdout.on("data", (d) => {
      out += d;
      if (!interrupted && out.includes("GATEHOUSE_SUPERUSER_PASSWORD.")) {
        interrupted = true;
        child.stdin.write("\x03");
      }
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), 120_000);
    child.on("error", fail);
    child.on("close", () => {
      clearTimeout(timer);
      done(out.replace(ANSI, "").replace(/\r/g, ""));
    });
  });
}

// A real process on a shared two-core machine: PGlite alone takes seconds to start.
describe("start-up output of `gatehouse run`", { timeout: 150_000 }, () => {
  it("on a terminal: human lines, the URL on a plain line, the auto-login warning, the typo", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "gatehouse-pty-"));
    const port = await freePort();
    try {
      const out = await runInTerminal({
        GATEHOUSE_PORT: String(port),
        GATEHOUSE_DATA_DIR: dataDir,
        GATEHOUSE_AUTOLOGIN: "false",
      });
      const lines = out.split("\n");
      expect(lines).toContain(`Gatehouse is listening on http://127.0.0.1:${port}`);
      expect(lines).toContain(
        `Warning: auto-login is on: anyone who can reach http://127.0.0.1:${port} is signed in as a superuser.`,
      );
      expect(lines).toContain(
        "To require sign-in, set GATEHOUSE_AUTO_LOGIN=false with GATEHOUSE_SUPERUSER and GATEHOUSE_SUPERUSER_PASSWORD.",
      );
      expect(out).toMatch(
        /WARN: GATEHOUSE_AUTOLOGIN is not a Gatehouse setting and is ignored; did you mean GATEHOUSE_AUTO_LOGIN\?/,
      );
      expect(out).toMatch(/^\[\d\d:\d\d:\d\d\] INFO: migrations applied \{"migrations":\[/m);
      // No raw JSON on a terminal.
      expect(lines.filter((l) => l.trimStart().startsWith('{"'))).toEqual([]);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it("without a terminal: every line is JSON, with the same facts", async () => {
    const server = await spawnServer({
      GATEHOUSE_LOG_LEVEL: "info",
      GATEHOUSE_AUTOLOGIN: "false",
    });
    try {
      const until = Date.now() + 30_000;
      while (!server.output().includes("is signed in as a superuser") && Date.now() < until)
        await new Promise((r) => setTimeout(r, 20));
    } finally {
      await server.stop();
      rmSync(server.dataDir, { recursive: true, force: true });
    }
    const lines = server
      .output()
      .split("\n")
      .filter((l) => l.trim() !== "");
    const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(parsed.find((l) => l.msg === `Gatehouse is listening on ${server.url}`)).toMatchObject({
      level: 30,
      url: server.url,
      authMode: "AUTO_LOGIN",
    });
    const warning = parsed.find((l) => String(l.msg).includes("is signed in as a superuser"));
    expect(warning?.level).toBe(40);
    expect(String(warning?.msg)).toContain("GATEHOUSE_AUTO_LOGIN=false");
    expect(parsed.find((l) => l.variable === "GATEHOUSE_AUTOLOGIN")).toMatchObject({
      level: 40,
      suggestion: "GATEHOUSE_AUTO_LOGIN",
    });
  });

  it("says nothing about auto-login when sign-in is on", () => {
    const logs = captureLogs();
    const config = loadConfig({
      GATEHOUSE_AUTO_LOGIN: "false",
      GATEHOUSE_SUPERUSER: "admin",
      GATEHOUSE_SUPERUSER_PASSWORD: "admin-password-1",
    });
    announceListening(
      "http://127.0.0.1:1",
      config,
      createLogger("info", false, logs.stream),
      false,
    );
    expect(logs.lines().map((l) => l.msg)).toEqual([
      "Gatehouse is listening on http://127.0.0.1:1",
    ]);
  });
});
