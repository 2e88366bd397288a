import { describe, expect, it } from "vitest";
import { proxyTrust } from "../config/proxy-trust.js";
import { clientAddress } from "./client-address.js";

const trust = (v?: string) => proxyTrust({ T: v }, "T");

describe("clientAddress", () => {
  it("ignores X-Forwarded-For unless a proxy is trusted", () => {
    expect(clientAddress("10.0.0.2", "203.0.113.9", trust())).toBe("10.0.0.2");
    expect(clientAddress("10.0.0.2", "203.0.113.9", trust("false"))).toBe("10.0.0.2");
  });

  it("takes the right-most hop with one trusted proxy, never a client-written one", () => {
    expect(clientAddress("10.0.0.2", "1.1.1.1, 203.0.113.9", trust("true"))).toBe("203.0.113.9");
    expect(clientAddress("10.0.0.2", ["1.1.1.1", "203.0.113.9"], trust("true"))).toBe(
      "203.0.113.9",
    );
    expect(clientAddress("10.0.0.2", undefined, trust("true"))).toBe("10.0.0.2");
  });

  it("skips exactly as many hops as there are proxies", () => {
    const chain = "6.6.6.6, 203.0.113.9, 10.0.0.7";
    expect(clientAddress("10.0.0.2", chain, trust("2"))).toBe("203.0.113.9");
    expect(clientAddress("10.0.0.2", "203.0.113.9", trust("3"))).toBe("203.0.113.9");
  });

  it("with proxy addresses, walks left only through trusted ones", () => {
    const t = trust("10.0.0.0/8, ::1");
    expect(clientAddress("10.0.0.2", "6.6.6.6, 203.0.113.9, 10.0.0.7", t)).toBe("203.0.113.9");
    // A connection from outside the trusted ranges is the client, whatever it claims.
    expect(clientAddress("198.51.100.1", "203.0.113.9", t)).toBe("198.51.100.1");
    expect(clientAddress("::1", "2001:db8::5", t)).toBe("2001:db8::5");
    expect(clientAddress("::ffff:10.1.1.1", "203.0.113.9", t)).toBe("203.0.113.9");
  });

  it("stops at garbage instead of believing it", () => {
    expect(clientAddress("10.0.0.2", "203.0.113.9, not-an-ip", trust("true"))).toBe("10.0.0.2");
  });

  it("refuses a setting it cannot read, in one line naming the variable", () => {
    expect(() => trust("maybe")).toThrow(/^T=maybe is not valid/);
    expect(() => trust("10.0.0.0/99")).toThrow(/^T=/);
  });
});
