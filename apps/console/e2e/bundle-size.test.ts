import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { initialJsSize } from "../scripts/initial-size.js";
import { CONSOLE_DIST } from "./helpers/server.js";

const BUDGET = 200 * 1024;

describe("console bundle", () => {
  it("keeps the initial JavaScript within 200 kB gzipped, without the playground", () => {
    expect(existsSync(join(CONSOLE_DIST, "index.html")), "run `pnpm build` first").toBe(true);
    const size = initialJsSize(CONSOLE_DIST);
    expect(size.files.length).toBeGreaterThan(0);
    expect(size.gzip).toBeLessThanOrEqual(BUDGET);
    // GraphiQL and Monaco load only on /playground.
    expect(size.files.map((f) => f.file).join(" ")).not.toMatch(/monaco|playground|graphiql/i);
  });
});
