import { createHash, hkdfSync, randomBytes } from "node:crypto";
import { ConfigError } from "../../config/config-error.js";
import { decodeBase64Url, encodeBase64Url } from "./base64url.js";

/** Fixed by the documented format; changing it would orphan every stored ciphertext. */
const HKDF_INFO = "gatehouse fernet key v1";
const FINGERPRINT_LABEL = "gatehouse key fingerprint v1";
const MAX_KEY_BYTES = 1024;

export const HOW_TO_MAKE_A_KEY = "make one with `gatehouse generate-key`";

/** A usable Fernet key and its printable fingerprint. The key bytes never leave this module's users. */
export interface SecretKey {
  readonly fernetKey: Buffer;
  readonly fingerprint: string;
}

/** Short and one-way: safe to print, store and compare, useless for decrypting. */
export function fingerprintOf(fernetKey: Buffer): string {
  return createHash("sha256")
    .update(FINGERPRINT_LABEL)
    .update(fernetKey)
    .digest("hex")
    .slice(0, 16);
}

/**
 * Turns configured key text into a Fernet key. Exactly 32 bytes is the Fernet key itself
 * (interoperable with Python's cryptography); more is reduced with HKDF-SHA256. `source`
 * names where the text came from, so the one-line error points at the right setting.
 */
export function parseKeyMaterial(text: string, source: string): SecretKey {
  const trimmed = text.trim();
  if (/[+/]/.test(trimmed)) {
    throw new ConfigError(
      `${source} uses the standard base64 alphabet; it must be URL-safe base64 (- and _ instead of + and /), or ${HOW_TO_MAKE_A_KEY}.`,
    );
  }
  const bytes = decodeBase64Url(trimmed, { padding: "optional" });
  if (!bytes) {
    throw new ConfigError(
      `${source} is not valid URL-safe base64; ${HOW_TO_MAKE_A_KEY} and set it.`,
    );
  }
  if (bytes.length < 32) {
    throw new ConfigError(
      `${source} decodes to ${bytes.length} bytes but must be at least 32; ${HOW_TO_MAKE_A_KEY}.`,
    );
  }
  if (bytes.length > MAX_KEY_BYTES) {
    throw new ConfigError(
      `${source} decodes to ${bytes.length} bytes, more than ${MAX_KEY_BYTES}; ${HOW_TO_MAKE_A_KEY}.`,
    );
  }
  const fernetKey =
    bytes.length === 32
      ? bytes
      : Buffer.from(hkdfSync("sha256", bytes, Buffer.alloc(0), HKDF_INFO, 32));
  return { fernetKey, fingerprint: fingerprintOf(fernetKey) };
}

/** A fresh key in the documented format: 32 random bytes, URL-safe base64 with padding. */
export function generateKeyText(): string {
  return encodeBase64Url(randomBytes(32));
}
