import { describe, expect, it } from "vitest";
import { addressKey } from "./address-key.js";

describe("addressKey", () => {
  it("keeps IPv4 and unwraps IPv4-mapped IPv6", () => {
    expect(addressKey("203.0.113.9")).toBe("203.0.113.9");
    expect(addressKey("::ffff:203.0.113.9")).toBe("203.0.113.9");
  });

  it("groups IPv6 by /64, however the address is written", () => {
    const a = addressKey("2001:db8:aa:1::1");
    expect(a).toBe("2001:db8:aa:1::/64");
    expect(addressKey("2001:0db8:00aa:0001:ffff:ffff:ffff:fffe")).toBe(a);
    expect(addressKey("2001:db8:aa:2::1")).not.toBe(a);
    expect(addressKey("::1")).toBe("0:0:0:0::/64");
    expect(addressKey("fe80::1%eth0")).toBe("fe80:0:0:0::/64");
    expect(addressKey("64:ff9b::192.0.2.1")).toBe("64:ff9b:0:0::/64");
  });

  it("passes anything else through, bounded", () => {
    expect(addressKey("unknown")).toBe("unknown");
    expect(addressKey("x".repeat(300))).toHaveLength(64);
  });
});
