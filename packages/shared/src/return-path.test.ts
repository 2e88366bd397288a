import { describe, expect, it } from "vitest";
import { RETURN_PATH_MAX, safeReturnPath } from "./return-path.js";

describe("safeReturnPath", () => {
  it("keeps paths on this site, with their query and fragment", () => {
    for (const p of ["/", "/users", "/users/42?tab=sessions", "/variables#new"])
      expect(safeReturnPath(p)).toBe(p);
  });

  it("refuses anything that could leave the site, and nonsense", () => {
    for (const p of [
      null,
      undefined,
      "",
      "users",
      "https://evil.example/",
      "//evil.example",
      "/\\evil.example",
      "/\t/evil.example",
      "/\n/evil.example",
      "/a\\b",
      "javascript:alert(1)",
      `/${"a".repeat(RETURN_PATH_MAX)}`,
    ])
      expect(safeReturnPath(p)).toBe("/");
  });
});
