import { describe, expect, it } from "vitest";
import { checksumOf, looksLikeApiKey, newApiKey } from "./api-key-token.js";

describe("API key format", () => {
  it("is gatehouse_ + 43 base64url characters + a 6-character checksum", () => {
    const { key, prefix } = newApiKey();
    expect(key).toMatch(/^gatehouse_[A-Za-z0-9_-]{43}[0-9A-Za-z]{6}$/);
    expect(key.startsWith(prefix)).toBe(true);
    expect(prefix).toHaveLength("gatehouse_".length + 8);
    expect(looksLikeApiKey(key)).toBe(true);
  });

  it("refuses a key whose checksum does not match, offline", () => {
    const { key } = newApiKey();
    const random = key.slice(10, 53);
    // Change one character of the random part: the checksum no longer matches.
    const flipped = `${random[0] === "A" ? "B" : "A"}${random.slice(1)}`;
    expect(looksLikeApiKey(`gatehouse_${flipped}${key.slice(53)}`)).toBe(false);
    expect(looksLikeApiKey(`gatehouse_${flipped}${checksumOf(flipped)}`)).toBe(true);
    expect(looksLikeApiKey(key.slice(0, -1))).toBe(false);
    expect(looksLikeApiKey(`x${key}`)).toBe(false);
  });

  it("makes a different key every time", () => {
    expect(newApiKey().key).not.toBe(newApiKey().key);
  });
});
