import { describe, expect, it } from "vitest";
import { parseReturnTarget, parseReturnUrl, RETURN_URL_MAX } from "./return-url.js";

describe("parseReturnUrl", () => {
  it("keeps absolute http(s) URLs, normalised, with host and port split out", () => {
    expect(parseReturnUrl("https://Chat.Example.com/c/1?x=2#top")).toEqual({
      href: "https://chat.example.com/c/1?x=2#top",
      origin: "https://chat.example.com",
      protocol: "https:",
      hostname: "chat.example.com",
      port: null,
    });
    expect(parseReturnUrl("http://app.localhost:8080/")?.port).toBe(8080);
    expect(parseReturnUrl("https://app.example.com:443/")?.port).toBeNull();
  });

  it("refuses other schemes, userinfo, backslashes, control characters and near-misses", () => {
    for (const bad of [
      null,
      "",
      "javascript:alert(1)",
      "data:text/html,hi",
      "ftp://app.example.com/",
      "//evil.example/",
      "https:/evil.example/",
      "https:evil.example",
      "https:\\\\evil.example",
      "https://\\evil.example",
      "https://app.example.com\\@evil.example/",
      "https://app.example.com@evil.example/",
      "https://user:pw@app.example.com/",
      "https://@app.example.com/",
      "https://app.example.com%2f@evil.example/",
      "https://evil%2eexample/",
      " https://app.example.com/",
      "https://app.example.com/\n",
      "https://app.exa\tmple.com/",
      "https://app.example.com/\u0000",
      "https:///evil.example",
      "https://",
      `https://app.example.com/${"a".repeat(RETURN_URL_MAX)}`,
    ])
      expect(parseReturnUrl(bad), String(bad)).toBeNull();
  });
});

describe("parseReturnTarget", () => {
  it("tells console paths from absolute URLs, and drops the rest", () => {
    expect(parseReturnTarget("/users?x=1")).toEqual({ kind: "path", path: "/users?x=1" });
    expect(parseReturnTarget("/")).toEqual({ kind: "path", path: "/" });
    expect(parseReturnTarget("https://app.example.com/")?.kind).toBe("url");
    for (const bad of ["//evil.example", "/\\evil", "evil.example", "javascript:x", undefined])
      expect(parseReturnTarget(bad), String(bad)).toBeNull();
  });
});
