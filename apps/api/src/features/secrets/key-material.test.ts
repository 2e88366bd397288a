import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../config/config.js";
import { createLogger } from "../../logger.js";
import { fernetDecrypt, fernetEncrypt } from "./fernet.js";
import { fingerprintOf, generateKeyText, parseKeyMaterial } from "./key-material.js";
import { GENERATED_KEY_FILE, loadKeyRing } from "./key-ring.js";

const logger = createLogger("silent", false);
const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), "gatehouse-keys-"));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Builds the ring exactly as start-up does: environment → loadConfig → loadKeyRing. */
function ringFrom(env: Record<string, string>) {
  return loadKeyRing(loadConfig({ GATEHOUSE_DATA_DIR: tempDir(), ...env }), logger);
}

function refusal(env: Record<string, string>): string {
  try {
    ringFrom(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error("expected a ConfigError");
}

const b64 = (bytes: Buffer) => bytes.toString("base64url");

describe("secret key parsing (GATEHOUSE_SECRET_KEY)", () => {
  const k32 = randomBytes(32);

  it.each([
    [
      "too short (16 bytes)",
      b64(randomBytes(16)),
      /GATEHOUSE_SECRET_KEY decodes to 16 bytes but must be at least 32/,
    ],
    ["31 bytes", b64(randomBytes(31)), /at least 32/],
    ["not base64", "this is not a key!!", /not valid URL-safe base64/],
    ["a length no base64 can have", `${b64(k32)}AA`, /not valid URL-safe base64/],
    ["wrong padding", `${b64(k32)}==`, /not valid URL-safe base64/],
    ["junk after the padding", `${b64(k32)}=x`, /not valid URL-safe base64/],
    [
      "the standard alphabet",
      Buffer.alloc(32, 0xfb).toString("base64"),
      /standard base64 alphabet.*URL-safe/,
    ],
  ])("refuses %s with one line that says how to make a key", (_label, key, message) => {
    const text = refusal({ GATEHOUSE_SECRET_KEY: key });
    expect(text).toMatch(message);
    expect(text).toContain("gatehouse generate-key");
    expect(text).not.toContain("\n");
    // The error names the setting, never its value.
    expect(text).not.toContain(key);
  });

  it("refuses a bad fallback and names which entry", () => {
    const text = refusal({
      GATEHOUSE_SECRET_KEY: generateKeyText(),
      GATEHOUSE_SECRET_KEY_FALLBACKS: `${generateKeyText()}, short`,
    });
    expect(text).toMatch(/GATEHOUSE_SECRET_KEY_FALLBACKS \(entry 2\)/);
  });

  it("uses exactly 32 bytes as the Fernet key, padded or not", () => {
    const padded = `${b64(k32)}=`;
    const unpadded = b64(k32);
    expect(padded.length).toBe(44);
    for (const text of [padded, unpadded, `  ${padded}\n`]) {
      const ring = ringFrom({ GATEHOUSE_SECRET_KEY: text });
      expect(ring.primary.fernetKey.equals(k32)).toBe(true);
      expect(ring.primary.fingerprint).toBe(fingerprintOf(k32));
      expect(ring.generated).toBe(false);
    }
  });

  it("accepts the URL-safe alphabet where the standard one is refused", () => {
    const bytes = Buffer.alloc(32, 0xfb); // encodes to "+" / "-" characters
    expect(b64(bytes)).toContain("-");
    expect(parseKeyMaterial(b64(bytes), "K").fernetKey.equals(bytes)).toBe(true);
  });

  it("reduces a 64-byte key with HKDF-SHA256 to a different 32-byte Fernet key", () => {
    const k64 = randomBytes(64);
    const a = parseKeyMaterial(b64(k64), "K");
    const b = parseKeyMaterial(`${b64(k64)}==`.slice(0, -2), "K");
    expect(a.fernetKey.length).toBe(32);
    expect(a.fernetKey.equals(k64.subarray(0, 32))).toBe(false);
    expect(a.fernetKey.equals(b.fernetKey)).toBe(true);
    const other = parseKeyMaterial(b64(randomBytes(64)), "K");
    expect(other.fingerprint).not.toBe(a.fingerprint);
    const token = fernetEncrypt(a.fernetKey, "v");
    expect(fernetDecrypt(a.fernetKey, token).toString()).toBe("v");
  });

  it("gives short, stable fingerprints that do not reveal the key", () => {
    const fp = fingerprintOf(k32);
    expect(fp).toMatch(/^[0-9a-f]{16}$/);
    expect(fingerprintOf(Buffer.from(k32))).toBe(fp);
    expect(b64(k32)).not.toContain(fp);
    expect(k32.toString("hex")).not.toContain(fp);
  });

  it("generate-key's format round-trips as a 32-byte key", () => {
    const text = generateKeyText();
    expect(text).toMatch(/^[A-Za-z0-9_-]{43}=$/);
    expect(parseKeyMaterial(text, "K").fernetKey.length).toBe(32);
  });
});

describe("generated key (no GATEHOUSE_SECRET_KEY)", () => {
  it("writes <dataDir>/secret.key with mode 0600 once and reuses it", () => {
    const dataDir = join(tempDir(), "nested", "data");
    const first = loadKeyRing(loadConfig({ GATEHOUSE_DATA_DIR: dataDir }), logger);
    const path = join(dataDir, GENERATED_KEY_FILE);
    expect(first.generated).toBe(true);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const onDisk = readFileSync(path, "utf8");
    const second = loadKeyRing(loadConfig({ GATEHOUSE_DATA_DIR: dataDir }), logger);
    expect(second.primary.fingerprint).toBe(first.primary.fingerprint);
    expect(readFileSync(path, "utf8")).toBe(onDisk);
  });

  it("refuses a damaged key file instead of replacing it", () => {
    const dataDir = tempDir();
    writeFileSync(join(dataDir, GENERATED_KEY_FILE), "garbage\n", { mode: 0o600 });
    expect(() => loadKeyRing(loadConfig({ GATEHOUSE_DATA_DIR: dataDir }), logger)).toThrow(
      ConfigError,
    );
    expect(readFileSync(join(dataDir, GENERATED_KEY_FILE), "utf8")).toBe("garbage\n");
  });
});
