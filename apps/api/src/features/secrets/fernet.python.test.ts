import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { encodeBase64Url } from "./base64url.js";
import { fernetDecrypt, fernetEncrypt } from "./fernet.js";

/** Runs a Python snippet with JSON on stdin; the key never appears on a command line. */
function python(script: string, input: unknown): { status: number | null; stdout: string } {
  const r = spawnSync("python3", ["-c", script], {
    input: JSON.stringify(input),
    encoding: "utf8",
    timeout: 20_000,
  });
  return { status: r.status, stdout: r.stdout ?? "" };
}

const available =
  python(
    "import cryptography.fernet, sys, json; json.load(sys.stdin); print('ok')",
    {},
  ).stdout.trim() === "ok";

if (!available) {
  if (process.env.CI === "true") {
    throw new Error(
      "python3 with the cryptography module is required in CI (apt-get install python3-cryptography)",
    );
  }
  console.warn(
    "!!! SKIPPING Python Fernet interop: python3 or its cryptography module is missing (apt-get install python3-cryptography)",
  );
}

describe.skipIf(!available)("Fernet interop with Python's cryptography", () => {
  const key = randomBytes(32);
  const keyText = encodeBase64Url(key);
  const value = `sk-live-🔐-${"x".repeat(100)}`;

  it("Python decrypts our token", () => {
    const token = fernetEncrypt(key, value);
    const r = python(
      "import sys, json\nfrom cryptography.fernet import Fernet\nd = json.load(sys.stdin)\nsys.stdout.write(Fernet(d['key'].encode()).decrypt(d['token'].encode()).decode('utf-8'))",
      { key: keyText, token },
    );
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(value);
  });

  it("we decrypt Python's token", () => {
    const r = python(
      "import sys, json\nfrom cryptography.fernet import Fernet\nd = json.load(sys.stdin)\nsys.stdout.write(Fernet(d['key'].encode()).encrypt(d['value'].encode('utf-8')).decode())",
      { key: keyText, value },
    );
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^gAAAAA[A-Za-z0-9_-]+=*$/);
    expect(fernetDecrypt(key, r.stdout).toString("utf8")).toBe(value);
  });
});
