import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fernetDecrypt, fernetEncrypt, InvalidTokenError } from "./fernet.js";

// The published Fernet vectors, copied into the repo so a lone clone can run this test.
const VECTORS = new URL("../../../test/fixtures/fernet/", import.meta.url);

interface Vector {
  desc?: string;
  token: string;
  now: string;
  ttl_sec?: number;
  src?: string;
  iv?: number[];
  secret: string;
}

const load = (name: string): Vector[] =>
  JSON.parse(readFileSync(new URL(name, VECTORS), "utf8")) as Vector[];
const keyOf = (v: Vector) => Buffer.from(v.secret, "base64url");

describe("Fernet spec vectors", () => {
  const generate = load("generate.json");
  const verify = load("verify.json");
  const invalid = load("invalid.json");

  it("found the vector files", () => {
    expect(generate.length).toBeGreaterThan(0);
    expect(verify.length).toBeGreaterThan(0);
    expect(invalid.length).toBeGreaterThanOrEqual(11);
  });

  it.each(generate)("generates the exact token for $src", (v) => {
    const token = fernetEncrypt(keyOf(v), v.src!, {
      iv: Buffer.from(v.iv!),
      now: new Date(v.now),
    });
    expect(token).toBe(v.token);
  });

  it.each(verify)("verifies and decrypts $src", (v) => {
    const plain = fernetDecrypt(keyOf(v), v.token, {
      ttlSeconds: v.ttl_sec,
      now: new Date(v.now),
    });
    expect(plain.toString("utf8")).toBe(v.src);
  });

  it.each(invalid)("rejects: $desc", (v) => {
    expect(() =>
      fernetDecrypt(keyOf(v), v.token, { ttlSeconds: v.ttl_sec, now: new Date(v.now) }),
    ).toThrow(InvalidTokenError);
  });
});

describe("Fernet round trip", () => {
  const key = Buffer.alloc(32, 7);

  it("decrypts what it encrypts, including empty and multi-block UTF-8 values", () => {
    for (const text of ["", "x", "é".repeat(40), "🔑 api-key ".repeat(500)]) {
      expect(fernetDecrypt(key, fernetEncrypt(key, text)).toString("utf8")).toBe(text);
    }
  });

  it("uses a fresh IV each time and refuses another key or a flipped byte", () => {
    const a = fernetEncrypt(key, "same");
    const b = fernetEncrypt(key, "same");
    expect(a).not.toBe(b);
    expect(() => fernetDecrypt(Buffer.alloc(32, 8), a)).toThrow(InvalidTokenError);
    const raw = Buffer.from(a, "base64url");
    raw[30] = (raw[30] ?? 0) ^ 1;
    const flipped = raw.toString("base64url");
    expect(() =>
      fernetDecrypt(key, `${flipped}${"=".repeat((4 - (flipped.length % 4)) % 4)}`),
    ).toThrow(InvalidTokenError);
  });

  it("honours the TTL only when one is asked for", () => {
    const then = new Date("2020-01-01T00:00:00Z");
    const token = fernetEncrypt(key, "old", { now: then });
    expect(fernetDecrypt(key, token).toString()).toBe("old");
    expect(() =>
      fernetDecrypt(key, token, { ttlSeconds: 60, now: new Date(then.getTime() + 61_000) }),
    ).toThrow(InvalidTokenError);
  });
});
