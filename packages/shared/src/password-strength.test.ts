import { describe, expect, it } from "vitest";
import { checkNewPassword } from "./password-strength.js";

describe("checkNewPassword", () => {
  it("refuses common and breached-list passwords, and close variations", () => {
    for (const weak of ["password123", "iloveyou2", "qwertyuiop123", "Passw0rd!2024"]) {
      expect(checkNewPassword(weak)).toMatch(/password/i);
    }
  });

  it("refuses passwords built on the username", () => {
    expect(checkNewPassword("margaret1987", { userInputs: ["margaret1987"] })).not.toBeNull();
  });

  it("accepts passphrases", () => {
    expect(checkNewPassword("Tarn-Gravel-Orbit-42")).toBeNull();
    expect(checkNewPassword("correct horse battery staple")).toBeNull();
  });

  it("asks 12 characters of a superuser", () => {
    expect(checkNewPassword("Tz9#kq2!Lm", { superuser: true })).toMatch(/at least 12/);
    expect(checkNewPassword("Tz9#kq2!Lm")).toBeNull();
  });

  it("keeps the length limits, and judges the longest input", () => {
    expect(checkNewPassword("short")).toMatch(/at least 8/);
    expect(checkNewPassword("x".repeat(257))).toMatch(/at most 256/);
    // zxcvbn sees only the first ANALYSED_LENGTH characters (its time grows with length); no
    // clock here: a timed assertion fails on a busy machine, not on slow code.
    expect(checkNewPassword("aB3$".repeat(64))).toMatch(/Repeated character patterns/);
  });
});
