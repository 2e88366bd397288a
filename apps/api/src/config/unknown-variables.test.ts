import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadConfig } from "./config.js";
import { knownVariables, misspelledVariables } from "./unknown-variables.js";

const ENV_EXAMPLE = new URL("../../../../.env.example", import.meta.url).pathname;

describe("misspelled settings", () => {
  loadConfig({});
  const known = knownVariables();

  it("knows every setting .env.example documents", () => {
    const documented = readFileSync(ENV_EXAMPLE, "utf8").match(/\bGATEHOUSE_[A-Z0-9_]+\b/g) ?? [];
    expect(documented.length).toBeGreaterThan(10);
    expect([...new Set(documented)].filter((n) => !known.has(n))).toEqual([]);
  });

  it("names the closest real setting", () => {
    const w = misspelledVariables(
      {
        GATEHOUSE_AUTOLOGIN: "false",
        GATEHOUSE_SUPERUSR: "admin",
        GATEHOSUE_PORT: "80",
        GATEHOUSE_PORT: "7861",
      },
      known,
    );
    expect(w.map((x) => [x.name, x.suggestion])).toEqual([
      ["GATEHOSUE_PORT", "GATEHOUSE_PORT"],
      ["GATEHOUSE_AUTOLOGIN", "GATEHOUSE_AUTO_LOGIN"],
      ["GATEHOUSE_SUPERUSR", "GATEHOUSE_SUPERUSER"],
    ]);
    expect(w[1]?.message).toBe(
      "GATEHOUSE_AUTOLOGIN is not a Gatehouse setting and is ignored; did you mean GATEHOUSE_AUTO_LOGIN?",
    );
  });

  it("reports an unknown GATEHOUSE_* name without a guess, and ignores unrelated variables", () => {
    const w = misspelledVariables(
      {
        GATEHOUSE_FROBNICATE_EVERYTHING: "1",
        HOME: "/root",
        PATH: "/bin",
        LANG: "C",
        TERM: "xterm",
      },
      known,
    );
    expect(w).toEqual([
      {
        name: "GATEHOUSE_FROBNICATE_EVERYTHING",
        suggestion: undefined,
        message: expect.stringContaining("is not a Gatehouse setting"),
      },
    ]);
  });

  it("is quiet for a correct environment", () => {
    expect(misspelledVariables({ GATEHOUSE_AUTO_LOGIN: "true", DATABASE_URL: "x" }, known)).toEqual(
      [],
    );
  });
});
