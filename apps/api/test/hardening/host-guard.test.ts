import type { IncomingMessage } from "node:http";
import { networkInterfaces } from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config/config.js";
import { autoLoginAllowedFor } from "../../src/http/host-guard.js";
import { startAuthenticatedServer } from "../accounts/accounts-helpers.js";
import { rawGql, rawRequest } from "../helpers/raw-http.js";
import { startTestServer, type TestServer } from "../helpers/test-server.js";

const ME = "{ me { username isSuperuser } }";

function port(server: TestServer): string {
  return new URL(server.url).port;
}

describe("auto-login mode answers only its own host names", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ GATEHOUSE_ALLOWED_HOSTS: "box.lan, tools.lan:9999" });
  });
  afterAll(() => server?.close());

  it("refuses a rebound name with 421 and says how to allow it", async () => {
    const p = port(server);
    const r = await rawGql(
      server.url,
      ME,
      {},
      {
        host: `evil.example:${p}`,
        origin: `http://evil.example:${p}`,
      },
    );
    expect(r.status).toBe(421);
    expect(r.json.errors?.[0]?.extensions?.code).toBe("MISDIRECTED_REQUEST");
    expect(r.json.errors?.[0]?.message).toContain("add evil.example to GATEHOUSE_ALLOWED_HOSTS");
    expect(r.text).not.toContain("default");
    // The console's pages too: a rebinding page must not even load them.
    expect((await rawRequest(server.url, "/", { headers: { host: "evil.example" } })).status).toBe(
      421,
    );
  });

  it("answers loopback names with any port, and listed hosts", async () => {
    const p = port(server);
    for (const host of [
      `localhost:${p}`,
      `127.0.0.1:${p}`,
      `[::1]:${p}`,
      "localhost",
      "box.lan:1234",
      "tools.lan:9999",
    ]) {
      const r = await rawGql(server.url, ME, {}, { host });
      expect(r.status, host).toBe(200);
      expect(r.json.data?.me, host).toEqual({ username: "default", isSuperuser: true });
    }
    // A listed host:port allows that port only.
    expect((await rawGql(server.url, ME, {}, { host: "tools.lan:8888" })).status).toBe(421);
  });

  it("refuses a foreign Origin with 403, and Origin: null", async () => {
    const p = port(server);
    const r = await rawGql(
      server.url,
      ME,
      {},
      {
        host: `localhost:${p}`,
        origin: "https://evil.example",
      },
    );
    expect(r.status).toBe(403);
    expect(r.json.errors?.[0]?.extensions?.code).toBe("ORIGIN_NOT_ALLOWED");
    expect(r.json.errors?.[0]?.message).toContain("add evil.example to GATEHOUSE_ALLOWED_HOSTS");
    const nul = await rawGql(server.url, ME, {}, { host: `localhost:${p}`, origin: "null" });
    expect(nul.status).toBe(403);
    // Our own pages' origins are fine.
    for (const origin of [`http://localhost:${p}`, "http://box.lan:7861"]) {
      const ok = await rawGql(server.url, ME, {}, { host: `localhost:${p}`, origin });
      expect(ok.status, origin).toBe(200);
      expect(ok.json.data?.me?.username, origin).toBe("default");
    }
  });

  it("never auto-logs-in a proxied or tunnelled request: it is anonymous", async () => {
    const p = port(server);
    const headers: Record<string, string>[] = [
      { "x-forwarded-for": "203.0.113.7" },
      { forwarded: "for=203.0.113.7;proto=https" },
      { "x-real-ip": "203.0.113.7" },
      { "cf-connecting-ip": "203.0.113.7" },
    ];
    for (const h of headers) {
      const r = await rawGql(server.url, ME, {}, { host: `localhost:${p}`, ...h });
      expect(r.status, JSON.stringify(h)).toBe(200);
      expect(r.json.data?.me, JSON.stringify(h)).toBeNull();
      // Superuser operations are refused, not served.
      const key = await rawGql(
        server.url,
        "{ secretKeyStatus { primaryFingerprint } }",
        {},
        {
          host: `localhost:${p}`,
          ...h,
        },
      );
      expect(key.json.errors?.[0]?.extensions?.code, JSON.stringify(h)).toBe("UNAUTHENTICATED");
    }
  });

  it("/healthz and /readyz answer any Host (container probes)", async () => {
    for (const path of ["/healthz", "/readyz"]) {
      const r = await rawRequest(server.url, path, { headers: { host: "10.1.2.3:7861" } });
      expect(r.status, path).toBe(200);
    }
  });
});

describe("the auto-login identity needs a loopback peer unless remote auto-login is allowed", () => {
  const fakeReq = (remoteAddress: string, headers: Record<string, string> = {}) =>
    ({ socket: { remoteAddress }, headers }) as unknown as IncomingMessage;

  it("decides by peer address and forwarding headers", () => {
    const local = loadConfig({});
    expect(autoLoginAllowedFor(fakeReq("127.0.0.1"), local)).toBe(true);
    expect(autoLoginAllowedFor(fakeReq("::1"), local)).toBe(true);
    expect(autoLoginAllowedFor(fakeReq("::ffff:127.0.0.1"), local)).toBe(true);
    expect(autoLoginAllowedFor(fakeReq("192.0.2.10"), local)).toBe(false);
    expect(autoLoginAllowedFor(fakeReq("127.0.0.1", { "x-real-ip": "1.2.3.4" }), local)).toBe(
      false,
    );
    const remote = loadConfig({ GATEHOUSE_ALLOW_REMOTE_AUTO_LOGIN: "true" });
    expect(autoLoginAllowedFor(fakeReq("192.0.2.10"), remote)).toBe(true);
  });

  const lan = Object.values(networkInterfaces())
    .flat()
    .find((a) => a && a.family === "IPv4" && !a.internal)?.address;
  if (!lan)
    console.error("!!! no non-loopback IPv4 address: the remote auto-login test is skipped");

  it.skipIf(!lan)(
    "GATEHOUSE_ALLOW_REMOTE_AUTO_LOGIN=true stays usable from the address it listens on",
    async () => {
      const server = await startTestServer({
        GATEHOUSE_HOST: lan as string,
        GATEHOUSE_ALLOW_REMOTE_AUTO_LOGIN: "true",
      });
      try {
        const r = await rawGql(server.url, ME, {}, { host: new URL(server.url).host });
        expect(r.status).toBe(200);
        expect(r.json.data?.me?.username).toBe("default");
        const other = await rawGql(server.url, ME, {}, { host: "evil.example" });
        expect(other.status).toBe(421);
      } finally {
        await server.close();
      }
    },
    120_000,
  );
});

describe("team mode answers its public host name, loopback names and the allowed list", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startAuthenticatedServer({
      GATEHOUSE_PUBLIC_URL: "https://auth.example.com",
      GATEHOUSE_ALLOWED_HOSTS: "gatehouse.internal",
    });
  });
  afterAll(() => server?.close());

  it("refuses other names with 421, serves the public and allowed ones", async () => {
    const bad = await rawGql(
      server.url,
      "{ serverInfo { authMode } }",
      {},
      {
        host: "rebind.attacker.test",
      },
    );
    expect(bad.status).toBe(421);
    expect(bad.json.errors?.[0]?.message).toContain("GATEHOUSE_ALLOWED_HOSTS");
    for (const host of [
      "auth.example.com",
      "gatehouse.internal:7861",
      `127.0.0.1:${port(server)}`,
    ]) {
      const r = await rawGql(server.url, "{ serverInfo { authMode } }", {}, { host });
      expect(r.status, host).toBe(200);
    }
    const origin = await rawGql(
      server.url,
      "{ serverInfo { authMode } }",
      {},
      {
        host: "auth.example.com",
        origin: "https://auth.example.com.attacker.test",
      },
    );
    expect(origin.status).toBe(403);
  });

  it("lets container probes through on any Host", async () => {
    const r = await rawRequest(server.url, "/readyz", { headers: { host: "172.17.0.4:7861" } });
    expect(r.status).toBe(200);
  });
});

describe("GATEHOUSE_ALLOWED_HOSTS", () => {
  it("normalises names and refuses what is not a host name, in one line", () => {
    expect(
      loadConfig({ GATEHOUSE_ALLOWED_HOSTS: " Box.LAN , tools.lan:9999,[fe80::1]:80" })
        .allowedHosts,
    ).toEqual(["box.lan", "tools.lan:9999", "[fe80::1]"]);
    for (const bad of ["https://box.lan", "box.lan/path", "*.example.com", "user@box.lan"]) {
      expect(() => loadConfig({ GATEHOUSE_ALLOWED_HOSTS: bad }), bad).toThrow(ConfigError);
      expect(() => loadConfig({ GATEHOUSE_ALLOWED_HOSTS: bad }), bad).toThrow(
        /^GATEHOUSE_ALLOWED_HOSTS: "[^"\n]+" (is not a host name|has a wildcard)[^\n]*$/,
      );
    }
  });
});
