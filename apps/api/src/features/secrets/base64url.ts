/**
 * Strict URL-safe base64. Node's own decoder skips characters it does not know and
 * accepts junk after the padding; a lenient decoder would let malformed tokens and keys
 * through (the Fernet vectors check exactly that), so this one refuses them.
 */
const ALPHABET = /^[A-Za-z0-9_-]*$/;

export interface DecodeOptions {
  /** Padding is required (tokens) or optional (keys typed by people). */
  padding: "required" | "optional";
}

/** Returns the bytes, or null when the text is not canonical URL-safe base64. */
export function decodeBase64Url(text: string, opts: DecodeOptions): Buffer | null {
  const firstPad = text.indexOf("=");
  const body = firstPad === -1 ? text : text.slice(0, firstPad);
  const pad = firstPad === -1 ? "" : text.slice(firstPad);
  if (!ALPHABET.test(body) || !/^={0,2}$/.test(pad)) return null;
  if (body.length % 4 === 1) return null;
  const expectedPad = (4 - (body.length % 4)) % 4;
  if (pad.length !== 0 && pad.length !== expectedPad) return null;
  if (pad.length === 0 && expectedPad !== 0 && opts.padding === "required") return null;
  const bytes = Buffer.from(body, "base64url");
  // Leftover bits in the last character must be zero, so every value has one spelling.
  if (bytes.toString("base64url") !== body) return null;
  return bytes;
}

/** URL-safe base64 with padding, as Fernet (and Python's base64.urlsafe_b64encode) writes it. */
export function encodeBase64Url(bytes: Buffer): string {
  const body = bytes.toString("base64url");
  return body + "=".repeat((4 - (body.length % 4)) % 4);
}
