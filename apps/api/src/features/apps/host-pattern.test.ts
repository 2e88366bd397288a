import { describe, expect, it } from "vitest";
import { parseDeclaredApps } from "../../config/apps.js";
import { ConfigError } from "../../config/config-error.js";
import { candidatePatterns, matchRank, parseHostPattern } from "./host-pattern.js";

const t = (hostname: string, port: number | null = null) => ({ hostname, port });

describe("host patterns", () => {
  it("normalise case, a trailing dot and keep a port", () => {
    expect(parseHostPattern(" Chat.Example.COM ")).toBe("chat.example.com");
    expect(parseHostPattern("chat.example.com.")).toBe("chat.example.com");
    expect(parseHostPattern("*.Example.com:8443")).toBe("*.example.com:8443");
    expect(parseHostPattern("xn--bcher-kva.example")).toBe("xn--bcher-kva.example");
    expect(parseHostPattern("localhost:3000")).toBe("localhost:3000");
    expect(parseHostPattern("10.0.0.5")).toBe("10.0.0.5");
  });

  it.each([
    ["", /empty/],
    ["https://chat.example.com", /scheme/],
    ["chat.example.com/path", /path/],
    ["user@chat.example.com", /user name/],
    ["chat example.com", /space/],
    ["bücher.example", /punycode/],
    ["chat.example.com:0", /port/],
    ["chat.example.com:99999", /port/],
    ["chat.example.com:443", /default port/],
    ["a.*.example.com", /first label/],
    ["*example.com", /first label/],
    ["*.com", /two labels/],
    ["*.0.0.1", /two labels/],
    ["-bad.example.com", /not a host name/],
    ["under_score.example.com", /not a host name/],
    ["[::1]:80", /IPv6/],
  ])("refuses %j", (input, message) => {
    expect(() => parseHostPattern(input)).toThrow(message);
  });

  it("a wildcard is one label and never the bare domain", () => {
    const p = ["*.example.com"];
    expect(matchRank(p, t("app.example.com"))).toBeGreaterThanOrEqual(0);
    expect(matchRank(p, t("APP.Example.com"))).toBeGreaterThanOrEqual(0);
    expect(matchRank(p, t("example.com"))).toBe(-1);
    expect(matchRank(p, t("a.b.example.com"))).toBe(-1);
    expect(matchRank(p, t("app.example.com.evil.net"))).toBe(-1);
    expect(matchRank(p, t("appexample.com"))).toBe(-1);
  });

  it("ports: without one any port matches; with one only that port", () => {
    expect(matchRank(["app.example.com"], t("app.example.com", 8080))).toBe(1);
    expect(matchRank(["app.example.com:8080"], t("app.example.com", 8080))).toBe(0);
    expect(matchRank(["app.example.com:8080"], t("app.example.com", 9090))).toBe(-1);
    expect(matchRank(["app.example.com:8080"], t("app.example.com"))).toBe(-1);
  });

  it("the most specific pattern wins: exact before wildcard, with port before without", () => {
    expect(candidatePatterns(t("app.example.com", 8443))).toEqual([
      "app.example.com:8443",
      "app.example.com",
      "*.example.com:8443",
      "*.example.com",
    ]);
    expect(candidatePatterns(t("example.com"))).toEqual(["example.com"]);
    expect(candidatePatterns(t("10.1.2.3", 81))).toEqual(["10.1.2.3:81", "10.1.2.3"]);
  });
});

describe("GATEHOUSE_APPS", () => {
  const one = (v: string) => {
    try {
      parseDeclaredApps(v);
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as Error).message).not.toContain("\n");
      return (err as Error).message;
    }
    throw new Error("expected a ConfigError");
  };

  it("parses inline JSON with stable config ids", () => {
    const apps = parseDeclaredApps(
      '[{"name":"Team Chat","hosts":["Chat.Example.com","*.chat.example.com:8443"],"access":"GROUPS","groups":["engineering","Ops"]},{"name":"Wiki","hosts":["wiki.example.com"],"access":"ALL_USERS"}]',
    );
    expect(apps).toEqual([
      {
        id: "config:team-chat",
        name: "Team Chat",
        hosts: ["chat.example.com", "*.chat.example.com:8443"],
        access: "GROUPS",
        groups: ["engineering", "Ops"],
      },
      {
        id: "config:wiki",
        name: "Wiki",
        hosts: ["wiki.example.com"],
        access: "ALL_USERS",
        groups: [],
      },
    ]);
  });

  it("fails with one line naming the entry and what to fix", () => {
    expect(one("[{")).toMatch(/not valid JSON/);
    expect(one('{"name":"x"}')).toMatch(/JSON array/);
    expect(one("/no/such/apps.json")).toMatch(/neither inline JSON.*ENOENT/);
    expect(
      one('[{"name":"Chat","hosts":["https://chat.example.com"],"access":"ALL_USERS"}]'),
    ).toMatch(/entry 1 \("Chat"\): host "https:\/\/chat.example.com" has a scheme/);
    expect(one('[{"name":"Chat","hosts":[],"access":"ALL_USERS"}]')).toMatch(/"hosts" must be/);
    expect(one('[{"name":"Chat","hosts":["a.example.com"],"access":"SOME"}]')).toMatch(
      /"access" must be one of ALL_USERS, SUPERUSERS, GROUPS/,
    );
    expect(one('[{"name":"Chat","hosts":["a.example.com"],"access":"GROUPS"}]')).toMatch(
      /needs "groups"/,
    );
    expect(one('[{"name":"Chat","hosts":["a.example.com"],"acess":"GROUPS"}]')).toMatch(
      /unknown field "acess"/,
    );
    expect(
      one(
        '[{"name":"A","hosts":["a.example.com"],"access":"ALL_USERS"},{"name":"a","hosts":["b.example.com"],"access":"ALL_USERS"}]',
      ),
    ).toMatch(/entries 1 and 2 have the same name/);
    expect(
      one(
        '[{"name":"A","hosts":["a.example.com"],"access":"ALL_USERS"},{"name":"B","hosts":["A.example.com"],"access":"ALL_USERS"}]',
      ),
    ).toMatch(/host a.example.com is listed by both "A" and "B"/);
  });
});
