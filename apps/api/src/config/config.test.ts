import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.js";
import { parseEnvText } from "./env-file.js";

describe("loadConfig", () => {
  it("applies the documented defaults", () => {
    const c = loadConfig({});
    expect(c.autoLogin).toBe(true);
    expect(c.host).toBe("127.0.0.1");
    expect(c.port).toBe(7861);
    expect(c.publicUrl).toBe("http://127.0.0.1:7861");
    expect(c.newUserIsActive).toBe(false);
    expect(c.magicLinkTtlMs).toBe(15 * 60_000);
    expect(c.sessionTtlMs).toBe(30 * 86_400_000);
    expect(c.resend).toBeUndefined();
    expect(c.google).toBeUndefined();
    expect(c.dataDir.endsWith("/data")).toBe(true);
  });

  it.each([
    [{ GATEHOUSE_PORT: "abc" }, /GATEHOUSE_PORT=abc is not a port/],
    [{ GATEHOUSE_PORT: "70000" }, /GATEHOUSE_PORT/],
    [
      { GATEHOUSE_AUTO_LOGIN: "maybe" },
      /GATEHOUSE_AUTO_LOGIN=maybe is not a boolean; use true or false/,
    ],
    [{ GATEHOUSE_PUBLIC_URL: "not a url" }, /GATEHOUSE_PUBLIC_URL/],
    [{ GATEHOUSE_PUBLIC_URL: "ftp://x" }, /http:\/\/ or https:\/\//],
    [{ DATABASE_URL: "mysql://x" }, /DATABASE_URL must start with postgres/],
    [{ GATEHOUSE_SUPERUSER: "admin" }, /GATEHOUSE_SUPERUSER_PASSWORD/],
    [{ RESEND_API_KEY: "re_x" }, /RESEND_FROM/],
    [{ GOOGLE_CLIENT_SECRET: "s" }, /GOOGLE_CLIENT_ID/],
    [{ GATEHOUSE_MAGIC_LINK_TTL: "soon" }, /GATEHOUSE_MAGIC_LINK_TTL=soon is not a duration/],
    [{ GATEHOUSE_LOG_LEVEL: "loud" }, /GATEHOUSE_LOG_LEVEL/],
  ])("refuses %o with one line that names the fix", (env, message) => {
    let err: unknown;
    try {
      loadConfig(env);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toMatch(message);
    expect((err as Error).message).not.toContain("\n");
  });

  it("parses durations, booleans and trims the public URL", () => {
    const c = loadConfig({
      GATEHOUSE_MAGIC_LINK_TTL: "10m",
      GATEHOUSE_SESSION_TTL: "7d",
      GATEHOUSE_AUTO_LOGIN: "False",
      GATEHOUSE_PUBLIC_URL: "https://auth.example.com/",
    });
    expect(c.magicLinkTtlMs).toBe(600_000);
    expect(c.sessionTtlMs).toBe(7 * 86_400_000);
    expect(c.autoLogin).toBe(false);
    expect(c.publicUrl).toBe("https://auth.example.com");
  });

  it("--anonymous-mode wins over GATEHOUSE_AUTO_LOGIN=false", () => {
    expect(loadConfig({ GATEHOUSE_AUTO_LOGIN: "false" }, { anonymousMode: true }).autoLogin).toBe(
      true,
    );
  });

  it("reads --env-file and lets the environment win", () => {
    const dir = mkdtempSync(join(tmpdir(), "gh-env-"));
    const file = join(dir, ".env");
    writeFileSync(
      file,
      '# comment\nGATEHOUSE_PORT=9000\nexport GATEHOUSE_HOST=0.0.0.0\nGATEHOUSE_APP_NAME="Team Hub"\n',
    );
    const c = loadConfig({ GATEHOUSE_PORT: "9100" }, { envFile: file });
    expect(c.port).toBe(9100);
    expect(c.host).toBe("0.0.0.0");
    expect(c.appName).toBe("Team Hub");
  });

  it("names a missing env file", () => {
    expect(() => loadConfig({}, { envFile: "/nonexistent/.env" })).toThrow(
      /--env-file \/nonexistent\/\.env: cannot read/,
    );
  });
});

describe("parseEnvText", () => {
  it("handles quotes, comments and export", () => {
    expect(parseEnvText('A=1 # note\nB=\'x # y\'\nexport C="q\\"z"\n\n')).toEqual({
      A: "1",
      B: "x # y",
      C: 'q"z',
    });
  });
  it("refuses a line without =", () => {
    expect(() => parseEnvText("JUSTAWORD")).toThrow(/line 1: expected KEY=VALUE/);
  });
});
