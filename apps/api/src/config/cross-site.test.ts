import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.js";

describe("GATEHOUSE_COOKIE_DOMAIN and GATEHOUSE_CORS_ORIGINS", () => {
  it("are off by default", () => {
    expect(loadConfig({}).crossSite).toEqual({ cookieDomain: null, corsOrigins: [] });
  });

  it("take a parent domain of the public URL's host and exact origins, normalised", () => {
    const c = loadConfig({
      GATEHOUSE_PUBLIC_URL: "https://auth.example.com",
      GATEHOUSE_COOKIE_DOMAIN: ".Example.com",
      GATEHOUSE_CORS_ORIGINS:
        "https://spa.example.net, http://localhost:5173,https://spa.example.net",
    }).crossSite;
    expect(c).toEqual({
      cookieDomain: "example.com",
      corsOrigins: ["https://spa.example.net", "http://localhost:5173"],
    });
  });

  it.each([
    [
      { GATEHOUSE_PUBLIC_URL: "https://auth.example.com", GATEHOUSE_COOKIE_DOMAIN: "other.org" },
      /GATEHOUSE_COOKIE_DOMAIN=other\.org does not contain GATEHOUSE_PUBLIC_URL's host auth\.example\.com/,
    ],
    [
      { GATEHOUSE_PUBLIC_URL: "https://auth.example.com", GATEHOUSE_COOKIE_DOMAIN: "ample.com" },
      /does not contain/,
    ],
    [{ GATEHOUSE_COOKIE_DOMAIN: "https://example.com" }, /is not a DNS name/],
    [{ GATEHOUSE_COOKIE_DOMAIN: "example.com:443" }, /is not a DNS name/],
    [{ GATEHOUSE_COOKIE_DOMAIN: "127.0.0.1" }, /is not a DNS name/],
    [{ GATEHOUSE_CORS_ORIGINS: "*" }, /not an exact origin/],
    [{ GATEHOUSE_CORS_ORIGINS: "https://spa.example.net/" }, /not an exact origin/],
    [{ GATEHOUSE_CORS_ORIGINS: "https://spa.example.net/app" }, /not an exact origin/],
    [{ GATEHOUSE_CORS_ORIGINS: "spa.example.net" }, /not an exact origin/],
    [{ GATEHOUSE_CORS_ORIGINS: "ftp://spa.example.net" }, /not an exact origin/],
  ])("refuses %o with one line saying what to fix", (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});
