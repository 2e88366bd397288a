import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { Metrics } from "./metrics.js";
import { isLoopbackAddress, metricsAccess } from "./metrics-access.js";

function request(remoteAddress: string, headers: Record<string, string> = {}): IncomingMessage {
  return { socket: { remoteAddress }, headers } as unknown as IncomingMessage;
}

describe("metrics access rule", () => {
  it("knows loopback: 127.0.0.0/8, ::1 and IPv4-mapped loopback, nothing else", () => {
    for (const a of ["127.0.0.1", "127.1.2.3", "::1", "::ffff:127.0.0.1"])
      expect(isLoopbackAddress(a), a).toBe(true);
    for (const a of [
      "10.0.0.1",
      "192.0.2.2",
      "::ffff:10.0.0.1",
      "fe80::1",
      "128.0.0.1",
      "",
      undefined,
    ])
      expect(isLoopbackAddress(a), String(a)).toBe(false);
  });

  it("decides by the peer address, never by X-Forwarded-For", () => {
    expect(
      metricsAccess(request("203.0.113.5", { "x-forwarded-for": "127.0.0.1" }), undefined),
    ).toBe("no_token");
    expect(metricsAccess(request("127.0.0.1"), undefined)).toBe("allowed");
    expect(metricsAccess(request("127.0.0.1", { forwarded: "for=198.51.100.1" }), undefined)).toBe(
      "no_token",
    );
  });

  it("lets a non-loopback peer in only with the configured token", () => {
    const token = "0123456789abcdef0123";
    expect(metricsAccess(request("203.0.113.5"), token)).toBe("bad_token");
    expect(metricsAccess(request("203.0.113.5", { authorization: "Bearer nope" }), token)).toBe(
      "bad_token",
    );
    expect(metricsAccess(request("203.0.113.5", { authorization: `Bearer ${token}` }), token)).toBe(
      "allowed",
    );
    // Without a configured token, no bearer value opens it.
    expect(metricsAccess(request("203.0.113.5", { authorization: "Bearer " }), undefined)).toBe(
      "no_token",
    );
  });
});

describe("Metrics registry", () => {
  it("is per app: two in one process neither clash nor share counts", async () => {
    const a = new Metrics(null, { processMetrics: true });
    const b = new Metrics(null, { processMetrics: true });
    a.signIn("password", "ok");
    expect((await a.render()).body).toMatch(
      /gatehouse_sign_ins_total\{method="password",result="ok"\} 1/,
    );
    expect((await b.render()).body).not.toMatch(/gatehouse_sign_ins_total\{/);
  });

  it("caps operation names, which any client can invent", () => {
    const m = new Metrics(null, { processMetrics: false });
    expect(m.operationLabel(null)).toBe("anonymous");
    expect(m.operationLabel("bad name")).toBe("other");
    for (let i = 0; i < 200; i++) expect(m.operationLabel(`Op${i}`)).toBe(`Op${i}`);
    expect(m.operationLabel("OneTooMany")).toBe("other");
    expect(m.operationLabel("Op7")).toBe("Op7");
  });
});
