import { randomBytes } from "node:crypto";
import { crc32 } from "node:zlib";

/**
 * The key format: `gatehouse_` + 256 random bits (43 base64url characters) + a 6-character
 * base62 CRC32 of the random part. The prefix lets secret scanners find leaked keys; the
 * checksum lets them (and us) tell a real key from a look-alike without a database.
 */
export const API_KEY_PREFIX = "gatehouse_";
const RANDOM_LENGTH = 43;
const CHECKSUM_LENGTH = 6;
/** How much of a key lists show: the prefix and 8 random characters (48 of 256 bits). */
const DISPLAY_LENGTH = API_KEY_PREFIX.length + 8;

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const SHAPE = new RegExp(
  `^${API_KEY_PREFIX}([A-Za-z0-9_-]{${RANDOM_LENGTH}})([0-9A-Za-z]{${CHECKSUM_LENGTH}})$`,
);

/** CRC32 as 6 base62 digits (62^6 > 2^32), left-padded with zeros. */
export function checksumOf(random: string): string {
  let n = crc32(Buffer.from(random, "utf8"));
  let out = "";
  for (let i = 0; i < CHECKSUM_LENGTH; i++) {
    out = BASE62[n % 62] + out;
    n = Math.floor(n / 62);
  }
  return out;
}

export interface NewApiKey {
  /** Shown once to whoever created it; only its hash is stored. */
  key: string;
  /** The display prefix kept in the row. */
  prefix: string;
}

export function newApiKey(): NewApiKey {
  const random = randomBytes(32).toString("base64url");
  const key = `${API_KEY_PREFIX}${random}${checksumOf(random)}`;
  return { key, prefix: key.slice(0, DISPLAY_LENGTH) };
}

/** True for something that claims to be an API key (the prefix), valid or not. */
export function claimsToBeApiKey(value: string): boolean {
  return value.startsWith(API_KEY_PREFIX);
}

/** Right shape and right checksum: worth a database look-up. */
export function looksLikeApiKey(value: string): boolean {
  const m = SHAPE.exec(value);
  return m !== null && checksumOf(m[1] as string) === m[2];
}
