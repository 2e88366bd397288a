import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = new URL("../../../../", import.meta.url).pathname;
const NAME = /\b(GATEHOUSE_[A-Z0-9_]+|DATABASE_URL|RESEND_[A-Z0-9_]+|GOOGLE_[A-Z0-9_]+)\b/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return sourceFiles(p);
    return p.endsWith(".ts") && !p.endsWith(".test.ts") ? [p] : [];
  });
}

describe(".env.example", () => {
  it("documents every environment variable the server reads", () => {
    const example = readFileSync(join(root, ".env.example"), "utf8");
    const documented = new Set(example.match(NAME) ?? []);
    const read = new Set<string>();
    for (const file of sourceFiles(join(root, "apps/api/src"))) {
      for (const m of readFileSync(file, "utf8").match(NAME) ?? []) read.add(m);
    }
    expect(read.size).toBeGreaterThan(10);
    expect([...read].filter((n) => !documented.has(n)).sort()).toEqual([]);
  });
});
