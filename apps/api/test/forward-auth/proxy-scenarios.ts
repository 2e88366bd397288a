import { afterAll, beforeAll, expect, it } from "vitest";
import { startAuthenticatedServer } from "../accounts/accounts-helpers.js";
import type { ProxyProcess, ProxyTargets } from "../helpers/proxies.js";
import { rawRequest } from "../helpers/raw-http.js";
import type { TestServer } from "../helpers/test-server.js";
import {
  type Echo,
  openWebSocket,
  startUpstreamApp,
  type UpstreamApp,
} from "../helpers/upstream-app.js";
import {
  adminToken,
  createApiKey,
  groupWith,
  NAVIGATION,
  type Person,
  person,
  revokeApiKey,
  revokeOwnSession,
  setActive,
  XHR,
} from "./support.js";

export const PUBLIC_URL = "http://auth.example.test";

export interface ProxyWorld {
  gatehouse: TestServer;
  app: UpstreamApp;
  proxy: ProxyProcess;
  admin: string;
  ann: Person;
}

/** Gatehouse (trusting loopback proxies), the echo app, and the proxy between them. */
export function useProxyWorld(start: (t: ProxyTargets) => Promise<ProxyProcess>): ProxyWorld {
  const world = {} as ProxyWorld;
  beforeAll(async () => {
    world.gatehouse = await startAuthenticatedServer({
      GATEHOUSE_PUBLIC_URL: PUBLIC_URL,
      GATEHOUSE_TRUST_PROXY: "127.0.0.1,::1",
    });
    world.app = await startUpstreamApp();
    world.proxy = await start({ gatehouse: world.gatehouse.url, app: world.app.url });
    world.admin = await adminToken(world.gatehouse);
    world.ann = await person(world.gatehouse, world.admin, "ann", "ann@example.com");
  });
  afterAll(async () => {
    await world.proxy?.stop();
    await world.app?.close();
    await world.gatehouse?.close();
  });
  return world;
}

/** A request through the proxy; `echo` is what the app saw when the request reached it. */
export async function viaProxy(world: ProxyWorld, path: string, headers: Record<string, string>) {
  const r = await rawRequest(world.proxy.url, path, { headers });
  const location = r.headers.location;
  const echo = r.status === 200 ? (JSON.parse(r.text) as Echo) : null;
  return {
    status: r.status,
    location: typeof location === "string" ? location : null,
    echo,
    text: r.text,
  };
}

/** The scenarios nginx and Caddy must both pass. */
export function proxyScenarios(world: ProxyWorld, opts: { passesBodies?: boolean } = {}): void {
  it("sends a signed-out browser to sign in, with the app URL to come back to", async () => {
    const path = "/notes/1?q=a%20b&x=1";
    const r = await viaProxy(world, path, NAVIGATION);
    expect(r.status).toBe(302);
    expect(r.location).toBe(
      `${PUBLIC_URL}/login?next=${encodeURIComponent(world.proxy.url + path)}`,
    );
  });

  it("answers 401 to a signed-out script, and the app never sees the request", async () => {
    const before = world.app.seen.length;
    const r = await viaProxy(world, "/api/items", XHR);
    expect(r.status).toBe(401);
    expect(r.location).toBeNull();
    expect(world.app.seen.length).toBe(before);
  });

  it("passes a signed-in browser (session cookie from GraphQL signIn) with identity headers", async () => {
    const r = await viaProxy(world, "/dashboard", { ...NAVIGATION, cookie: world.ann.cookie });
    expect(r.status).toBe(200);
    expect(r.echo?.path).toBe("/dashboard");
    expect(r.echo?.headers["remote-user"]).toBe("ann");
    expect(r.echo?.headers["remote-email"]).toBe("ann@example.com");
    expect(r.echo?.headers["remote-name"]).toBe("ann");
    expect(r.echo?.headers["remote-id"]).toBe(world.ann.id);
  });

  it("passes a Bearer session token through the proxy", async () => {
    const r = await viaProxy(world, "/api/items", {
      ...XHR,
      authorization: `Bearer ${world.ann.token}`,
    });
    expect(r.status).toBe(200);
    expect(r.echo?.headers["remote-user"]).toBe("ann");
  });

  it("never lets a client-sent identity header reach the app", async () => {
    const spoof = {
      "remote-user": "admin",
      "remote-email": "admin@example.com",
      "remote-name": "admin",
      "remote-groups": "admins",
      "remote-id": "00000000-0000-0000-0000-000000000000",
    };
    const signedOut = await viaProxy(world, "/x", { ...XHR, ...spoof });
    expect(signedOut.status).toBe(401);
    const r = await viaProxy(world, "/x", { ...XHR, ...spoof, cookie: world.ann.cookie });
    expect(r.status).toBe(200);
    const h = r.echo?.headers ?? {};
    expect(h["remote-user"]).toBe("ann");
    expect(h["remote-email"]).toBe("ann@example.com");
    expect(h["remote-id"]).toBe(world.ann.id);
    // ann is in no group: the header is absent or empty, never the client's "admins".
    expect(h["remote-groups"] ?? "").toBe("");
  });

  it("passes an API key (X-API-Key or Bearer) and refuses it once revoked", async () => {
    const { gatehouse } = world;
    const dee = await person(gatehouse, world.admin, "dee");
    const { key, id } = await createApiKey(gatehouse, dee.token, "proxy test");
    const ways: Record<string, string>[] = [
      { "x-api-key": key },
      { authorization: `Bearer ${key}` },
    ];
    for (const header of ways) {
      const r = await viaProxy(world, "/api/items", { ...XHR, ...header });
      expect(r.status).toBe(200);
      expect(r.echo?.headers["remote-user"]).toBe("dee");
    }
    await revokeApiKey(gatehouse, dee.token, id);
    expect((await viaProxy(world, "/api/items", { ...XHR, "x-api-key": key })).status).toBe(401);
  });

  it("tells the app the user's groups, percent-encoding names that are not plain ASCII", async () => {
    const { gatehouse, admin } = world;
    const gus = await person(gatehouse, admin, "gus");
    await groupWith(gatehouse, admin, "admins", [gus.id]);
    await groupWith(gatehouse, admin, "Équipe R&D", [gus.id]);
    const r = await viaProxy(world, "/", { ...XHR, cookie: gus.cookie });
    const groups = String(r.echo?.headers["remote-groups"]).split(",").map(decodeURIComponent);
    expect(groups.sort()).toEqual(["admins", "Équipe R&D"]);
  });

  // Deleted again at the end: while it exists its rule applies to every request to the proxy.
  it("applies a registered app's group rule: members in, others 403, denials counted", async () => {
    const { gatehouse, admin } = world;
    const eve = await person(gatehouse, admin, "eve");
    const fay = await person(gatehouse, admin, "fay");
    await groupWith(gatehouse, admin, "chat-users", [fay.id]);
    const created = await gatehouse.gql<{ createApp: { id: string } }>(
      "mutation($i: AppInput!) { createApp(input: $i) { id } }",
      {
        i: {
          name: "Chat",
          hosts: [new URL(world.proxy.url).host],
          access: "GROUPS",
          groupNames: ["chat-users"],
        },
      },
      { token: admin },
    );
    expect(created.errors).toBeUndefined();
    const appId = created.data?.createApp.id ?? "";
    try {
      const member = await viaProxy(world, "/", { ...XHR, cookie: fay.cookie });
      expect(member.status).toBe(200);
      expect(member.echo?.headers["remote-groups"]).toBe("chat-users");
      const outsider = await viaProxy(world, "/", { ...XHR, cookie: eve.cookie });
      expect(outsider.status).toBe(403);
      const page = await viaProxy(world, "/", { ...NAVIGATION, cookie: eve.cookie });
      expect(page.status).toBe(403);
      // Caddy passes Gatehouse's page on (nginx shows its own 403 page).
      if (opts.passesBodies)
        expect(page.text).toMatch(/signed in to Gatehouse as <strong>eve<\/strong>/);
      if (opts.passesBodies)
        expect(page.text).toContain("You do not have access to <strong>Chat</strong>");
      await gatehouse.app.services.forwardAuthDenials.flush();
      const rows = await gatehouse.app.services.audit.list({ action: "forward_auth.denied" });
      const row = rows.events.find((e) => e.targetId === appId);
      expect(row?.detail).toMatch(/^2 denied requests to app "Chat" \(not_in_group\)/);
    } finally {
      await gatehouse.gql(
        "mutation($id: ID!) { deleteApp(id: $id) }",
        { id: appId },
        { token: admin },
      );
    }
  });

  it("refuses a revoked session and a deactivated user on the very next request", async () => {
    const { gatehouse, admin } = world;
    const bob = await person(gatehouse, admin, "bob");
    expect((await viaProxy(world, "/", { ...XHR, cookie: bob.cookie })).status).toBe(200);
    await revokeOwnSession(gatehouse, bob.token);
    expect((await viaProxy(world, "/", { ...XHR, cookie: bob.cookie })).status).toBe(401);

    const cyd = await person(gatehouse, admin, "cyd");
    const auth = { ...XHR, authorization: `Bearer ${cyd.token}` };
    expect((await viaProxy(world, "/", auth)).status).toBe(200);
    await setActive(gatehouse, admin, cyd.id, false);
    expect((await viaProxy(world, "/", auth)).status).toBe(401);
  });
}

/** WebSocket upgrades are checked like any request, and the app sees who opened them. */
export function webSocketScenarios(world: ProxyWorld): void {
  it("upgrades a signed-in WebSocket and refuses a signed-out one", async () => {
    const url = `${world.proxy.url}/socket`;
    const ok = await openWebSocket(url, { cookie: world.ann.cookie, origin: world.proxy.url });
    expect(ok.upgraded).toBe(true);
    const echo = ok.upgraded ? (JSON.parse(ok.firstMessage) as Echo) : null;
    expect(echo?.headers["remote-user"]).toBe("ann");
    const refused = await openWebSocket(url, { origin: world.proxy.url });
    expect(refused).toMatchObject({ upgraded: false, status: 401 });
  });
}
