import { chmodSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.js";

const dir = mkdtempSync(join(tmpdir(), "gatehouse-secret-files-"));
let n = 0;
/** Writes a secret file the way Docker mounts one (often with a trailing newline). */
function secretFile(content: string): string {
  const path = join(dir, `secret-${n++}`);
  writeFileSync(path, content);
  return path;
}

function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).not.toContain("\n");
    return err as ConfigError;
  }
  throw new Error("loadConfig accepted the environment");
}

describe("*_FILE variants of secrets", () => {
  it("read each secret from its file, trimmed, when the plain variable is unset", () => {
    const key = "q".repeat(43);
    const c = loadConfig({
      GATEHOUSE_SECRET_KEY_FILE: secretFile(`${key}\n`),
      GATEHOUSE_SUPERUSER: "admin",
      GATEHOUSE_SUPERUSER_PASSWORD_FILE: secretFile("  a long passphrase \r\n"),
      RESEND_API_KEY_FILE: secretFile("re_from_file\n"),
      RESEND_FROM: "Gatehouse <auth@example.com>",
      GOOGLE_CLIENT_ID: "client.apps.googleusercontent.com",
      GOOGLE_CLIENT_SECRET_FILE: secretFile("google-secret\n"),
      DATABASE_URL_FILE: secretFile("postgres://gatehouse:pw@db:5432/gatehouse\n"),
    });
    expect(c.secretKey).toBe(key);
    expect(c.superuser).toEqual({ username: "admin", password: "a long passphrase" });
    expect(c.resend?.apiKey).toBe("re_from_file");
    expect(c.google?.clientSecret).toBe("google-secret");
    expect(c.databaseUrl).toBe("postgres://gatehouse:pw@db:5432/gatehouse");
  });

  it("are read from an --env-file too, and a file's value is checked like the plain one", () => {
    const envFile = secretFile(`DATABASE_URL_FILE=${secretFile("mysql://nope\n")}\n`);
    expect(() => loadConfig({}, { envFile })).toThrow(/DATABASE_URL must start with postgres/);
  });

  it("refuse both the variable and its file, naming both", () => {
    const err = configError({
      GATEHOUSE_SECRET_KEY: "k".repeat(43),
      GATEHOUSE_SECRET_KEY_FILE: secretFile("k".repeat(43)),
    });
    expect(err.message).toBe(
      "GATEHOUSE_SECRET_KEY and GATEHOUSE_SECRET_KEY_FILE are both set; keep only one of them.",
    );
  });

  it("refuse a file that cannot be read, naming the path but never a secret", () => {
    const missing = join(dir, "no-such-file");
    const err = configError({ RESEND_API_KEY_FILE: missing, RESEND_FROM: "a@example.com" });
    expect(err.message).toContain(`RESEND_API_KEY_FILE=${missing}: cannot read the file (ENOENT)`);
    const unreadable = secretFile("top-secret-value");
    chmodSync(unreadable, 0o000);
    // root reads any file; elsewhere the permission error must be reported the same way.
    if (process.getuid?.() !== 0) {
      const denied = configError({ GOOGLE_CLIENT_ID: "id", GOOGLE_CLIENT_SECRET_FILE: unreadable });
      expect(denied.message).toContain("(EACCES)");
      expect(denied.message).not.toContain("top-secret-value");
    }
    const directory = configError({ DATABASE_URL_FILE: dir });
    expect(directory.message).toContain("cannot read the file (EISDIR)");
  });

  it("refuse an empty file", () => {
    const err = configError({
      GATEHOUSE_SUPERUSER: "a",
      GATEHOUSE_SUPERUSER_PASSWORD_FILE: secretFile(" \n"),
    });
    expect(err.message).toContain(
      "the file is empty; put the GATEHOUSE_SUPERUSER_PASSWORD value in it",
    );
  });

  it("an empty NAME_FILE counts as unset", () => {
    expect(loadConfig({ GATEHOUSE_SECRET_KEY_FILE: "" }).secretKey).toBeUndefined();
  });
});
