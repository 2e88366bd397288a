import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  randomBytes,
  timingSafeEqual,
} from "node:crypto";
import { decodeBase64Url, encodeBase64Url } from "./base64url.js";

/**
 * Fernet (https://github.com/fernet/spec) on node:crypto, byte-compatible with Python's
 * cryptography.fernet: version 0x80 | 64-bit big-endian seconds | 16-byte IV |
 * AES-128-CBC ciphertext (PKCS7) | HMAC-SHA256 over all of that. Key bytes 0-15 sign,
 * bytes 16-31 encrypt.
 */
const VERSION = 0x80;
const HEADER = 1 + 8 + 16;
const MAC = 32;
/** Same tolerance as the reference implementation for tokens stamped in the future. */
const MAX_CLOCK_SKEW_SECONDS = 60;

/** Any reason a token is refused. Deliberately says nothing about which check failed. */
export class InvalidTokenError extends Error {
  override name = "InvalidTokenError";
  constructor() {
    super("invalid Fernet token");
  }
}

export interface EncryptOptions {
  /** Tests (spec vectors) only: a fixed IV. */
  iv?: Buffer;
  now?: Date;
}

export interface DecryptOptions {
  /** Reject tokens older than this many seconds (and ones stamped too far ahead). */
  ttlSeconds?: number;
  now?: Date;
}

function checkKey(key: Buffer): void {
  if (key.length !== 32) throw new Error("a Fernet key is exactly 32 bytes");
}

export function fernetEncrypt(
  key: Buffer,
  plaintext: Buffer | string,
  opts: EncryptOptions = {},
): string {
  checkKey(key);
  const iv = opts.iv ?? randomBytes(16);
  if (iv.length !== 16) throw new Error("a Fernet IV is exactly 16 bytes");
  const data = typeof plaintext === "string" ? Buffer.from(plaintext, "utf8") : plaintext;
  const seconds = BigInt(Math.floor((opts.now ?? new Date()).getTime() / 1000));
  const cipher = createCipheriv("aes-128-cbc", key.subarray(16, 32), iv);
  const body = Buffer.concat([cipher.update(data), cipher.final()]);
  const header = Buffer.alloc(HEADER);
  header[0] = VERSION;
  header.writeBigUInt64BE(seconds, 1);
  iv.copy(header, 9);
  const signed = Buffer.concat([header, body]);
  const mac = createHmac("sha256", key.subarray(0, 16)).update(signed).digest();
  return encodeBase64Url(Buffer.concat([signed, mac]));
}

/** The plaintext bytes, or InvalidTokenError. The MAC is checked (in constant time) first. */
export function fernetDecrypt(key: Buffer, token: string, opts: DecryptOptions = {}): Buffer {
  checkKey(key);
  const raw = decodeBase64Url(token, { padding: "required" });
  // Header, at least one AES block, MAC; the ciphertext must be whole blocks.
  if (!raw || raw.length < HEADER + 16 + MAC || (raw.length - HEADER - MAC) % 16 !== 0) {
    throw new InvalidTokenError();
  }
  if (raw[0] !== VERSION) throw new InvalidTokenError();
  const signed = raw.subarray(0, raw.length - MAC);
  const mac = raw.subarray(raw.length - MAC);
  const expected = createHmac("sha256", key.subarray(0, 16)).update(signed).digest();
  if (!timingSafeEqual(mac, expected)) throw new InvalidTokenError();

  if (opts.ttlSeconds !== undefined) {
    const stamped = raw.readBigUInt64BE(1);
    const now = BigInt(Math.floor((opts.now ?? new Date()).getTime() / 1000));
    if (stamped + BigInt(opts.ttlSeconds) < now) throw new InvalidTokenError();
    if (now + BigInt(MAX_CLOCK_SKEW_SECONDS) < stamped) throw new InvalidTokenError();
  }
  const iv = raw.subarray(9, HEADER);
  try {
    const decipher = createDecipheriv("aes-128-cbc", key.subarray(16, 32), iv);
    return Buffer.concat([
      decipher.update(raw.subarray(HEADER, raw.length - MAC)),
      decipher.final(),
    ]);
  } catch {
    // Bad PKCS7 padding: only reachable with a valid MAC, i.e. a token made with this key.
    throw new InvalidTokenError();
  }
}
