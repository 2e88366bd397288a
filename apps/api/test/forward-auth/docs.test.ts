import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CADDY_FIXTURE, NGINX_FIXTURE } from "../helpers/proxies.js";

const DOC = new URL("../../../../docs/integrations.md", import.meta.url).pathname;

// The configurations a user copies from docs/integrations.md are the ones the proxy tests run.
describe("docs/integrations.md", () => {
  const doc = readFileSync(DOC, "utf8");
  it.each([
    ["nginx", NGINX_FIXTURE],
    ["Caddy", CADDY_FIXTURE],
  ])("shows the tested %s configuration verbatim", (_name, file) => {
    expect(doc).toContain(readFileSync(file, "utf8"));
  });
});
