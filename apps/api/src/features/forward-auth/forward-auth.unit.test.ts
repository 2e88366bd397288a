import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../../config/config-error.js";
import { forwardAuthConfig } from "../../config/forward-auth.js";
import { proxyTrust } from "../../config/proxy-trust.js";
import { forwardedRequest, parseOriginal } from "./forward-target.js";
import { groupsValue, headerValue, identityHeaders } from "./identity-headers.js";

/** Only what forwardedRequest reads: the headers and the peer's address. */
function req(remoteAddress: string, headers: Record<string, string>): IncomingMessage {
  return { socket: { remoteAddress }, headers } as unknown as IncomingMessage;
}

describe("GATEHOUSE_FORWARD_AUTH_HEADERS", () => {
  it("renames listed fields and keeps the rest", () => {
    const { headers } = forwardAuthConfig({
      GATEHOUSE_FORWARD_AUTH_HEADERS: "email=X-Forwarded-Email, USER=X-Forwarded-User",
    });
    expect(headers).toEqual({
      user: "X-Forwarded-User",
      email: "X-Forwarded-Email",
      name: "Remote-Name",
      groups: "Remote-Groups",
      id: "Remote-Id",
    });
  });

  it.each([
    ["mail=X-Mail", /"mail" is not an identity field/],
    ["email=X Mail", /is not a header name/],
    ["email=", /is not a header name/],
    ["email=Cookie", /a header proxies and browsers own/],
    ["email=A,email=B", /listed twice/],
    ["email=Remote-User", /share one header name/],
  ])("refuses %s with one line", (value, why) => {
    let err: unknown;
    try {
      forwardAuthConfig({ GATEHOUSE_FORWARD_AUTH_HEADERS: value });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toMatch(why);
    expect((err as Error).message).not.toContain("\n");
  });
});

describe("identity header values", () => {
  it("keep printable ASCII and percent-encode everything else, CR/LF included", () => {
    expect(headerValue("ann@example.com")).toBe("ann@example.com");
    expect(headerValue("José")).toBe("Jos%C3%A9");
    expect(headerValue("a\r\nSet-Cookie: x=1")).toBe("a%0D%0ASet-Cookie%3A%20x%3D1");
    // A raw value never has `%`, so an app decodes exactly when it sees one.
    expect(headerValue("100%")).toBe("100%25");
  });

  it("join groups with commas, encoding a name that holds one", () => {
    expect(groupsValue(["admins", "R&D, Paris", "Équipe"])).toBe(
      "admins,R%26D%2C%20Paris,%C3%89quipe",
    );
    expect(groupsValue([])).toBe("");
  });

  it("are always all present, empty when missing", () => {
    const h = identityHeaders(
      { id: "1", username: "ann", email: null, name: "ann", groups: [] },
      forwardAuthConfig({}),
    );
    expect(h).toEqual({
      "Remote-User": "ann",
      "Remote-Email": "",
      "Remote-Name": "ann",
      "Remote-Groups": "",
      "Remote-Id": "1",
    });
  });
});

describe("the original URL", () => {
  const trusted = proxyTrust({ T: "10.0.0.0/8" }, "T");
  const traefik = {
    "x-forwarded-proto": "https",
    "x-forwarded-host": "chat.example.com:8443",
    "x-forwarded-uri": "/a?b=c",
  };

  it("comes from X-Forwarded-* of a trusted proxy", () => {
    const f = forwardedRequest(req("10.1.2.3", traefik), trusted);
    expect(f.url?.href).toBe("https://chat.example.com:8443/a?b=c");
    expect(f.target).toEqual({ hostname: "chat.example.com", port: 8443 });
    expect(f.nginxStyle).toBe(false);
  });

  it("comes from X-Original-URL of a trusted proxy (nginx)", () => {
    const f = forwardedRequest(
      req("10.1.2.3", { "x-original-url": "http://App.example.com/" }),
      trusted,
    );
    expect(f.target).toEqual({ hostname: "app.example.com", port: null });
    expect(f.nginxStyle).toBe(true);
  });

  it("is unknown when the peer is not a trusted proxy, which the answer says", () => {
    const f = forwardedRequest(req("192.168.1.9", traefik), trusted);
    expect(f).toEqual({ url: null, target: null, nginxStyle: false, untrusted: true });
    const none = forwardedRequest(req("10.1.2.3", traefik), proxyTrust({}, "T"));
    expect(none.untrusted).toBe(true);
  });

  it.each([
    "https://u@chat.example.com/",
    "https://chat.example.com\\evil.com/",
    "https://chat.example.com/\n",
    "ftp://chat.example.com/",
    "https:///path",
    "https://chat.example.com#x@evil",
    `https://chat.example.com/${"a".repeat(2100)}`,
  ])("refuses bad URL #%#", (value) => {
    expect(parseOriginal(value)).toBeNull();
  });
});
