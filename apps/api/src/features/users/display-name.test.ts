import * as client from "openid-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAuthenticatedServer } from "../../../test/accounts/accounts-helpers.js";
import { adminToken, type Person, person, warm, XHR } from "../../../test/forward-auth/support.js";
import {
  authorize,
  CookieBrowser,
  createClient,
  type MadeClient,
  REDIRECT,
  relyingParty,
} from "../../../test/helpers/oidc-rp.js";
import { rawRequest } from "../../../test/helpers/raw-http.js";
import { errorCode, type TestServer } from "../../../test/helpers/test-server.js";

const MY_PROFILE = `mutation($n: String) { updateMyProfile(displayName: $n) { id username displayName } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateUserInput!) {
  updateUser(userId: $id, input: $input) { id displayName } }`;
const ME = `{ me { displayName } }`;
const AUDIT = `query($t: String) { auditLog(action: "user.updated", user: $t, first: 50) {
  edges { node { action actorId targetId detail } } } }`;

type Profile = { updateMyProfile: { displayName: string | null } };
type Audit = {
  auditLog: { edges: { node: { actorId: string; targetId: string; detail: string } }[] };
};

/** Remote-Name as /auth/verify answers a proxy for this session cookie. */
async function remoteName(server: TestServer, cookie: string): Promise<string | undefined> {
  const r = await rawRequest(server.url, "/auth/verify", {
    headers: { ...XHR, cookie, "x-forwarded-host": "chat.example.test" },
  });
  expect(r.status).toBe(200);
  return r.headers["remote-name"] as string | undefined;
}

describe("display names", () => {
  let server: TestServer;
  let admin: string;
  let dee: Person;

  beforeAll(async () => {
    server = await startAuthenticatedServer({
      GATEHOUSE_TRUST_PROXY: "127.0.0.1,::1",
      GATEHOUSE_FORWARD_AUTH_DEFAULT: "allow",
    });
    admin = await adminToken(server);
    dee = await person(server, admin, "dee");
  });
  afterAll(() => server?.close());

  it("a user sets and clears their own; Remote-Name follows on the next request", async () => {
    expect(await remoteName(server, dee.cookie)).toBe("dee");
    // The session is now answered from memory: the change below must clear it.
    expect(await warm(server, { cookie: dee.cookie })).toBe(200);

    const set = await server.gql<Profile>(
      MY_PROFILE,
      { n: "  Dee Ramírez " },
      { token: dee.token },
    );
    expect(set.errors).toBeUndefined();
    expect(set.data?.updateMyProfile.displayName).toBe("Dee Ramírez");
    const me = await server.gql<{ me: { displayName: string } }>(ME, {}, { token: dee.token });
    expect(me.data?.me.displayName).toBe("Dee Ramírez");
    // Not plain ASCII: percent-encoded as UTF-8 (identity-headers.ts).
    expect(await remoteName(server, dee.cookie)).toBe(encodeURIComponent("Dee Ramírez"));

    const unchanged = await server.gql<Profile>(MY_PROFILE, {}, { token: dee.token });
    expect(unchanged.data?.updateMyProfile.displayName).toBe("Dee Ramírez");

    const cleared = await server.gql<Profile>(MY_PROFILE, { n: "   " }, { token: dee.token });
    expect(cleared.data?.updateMyProfile.displayName).toBeNull();
    expect(await remoteName(server, dee.cookie)).toBe("dee");

    const audit = await server.gql<Audit>(AUDIT, { t: "dee" }, { token: admin });
    const details = audit.data?.auditLog.edges
      .filter((e) => e.node.targetId === dee.id)
      .map((e) => [e.node.actorId, e.node.detail]);
    expect(details).toContainEqual([dee.id, 'dee: display name set to "Dee Ramírez"']);
    expect(details).toContainEqual([dee.id, "dee: display name cleared"]);
  });

  it("refuses a name that is too long or has control characters, naming the field", async () => {
    for (const n of ["x".repeat(101), "Dee\r\nX-Injected: 1", "tab\there"]) {
      const r = await server.gql(MY_PROFILE, { n }, { token: dee.token });
      expect(errorCode(r)).toBe("BAD_USER_INPUT");
      expect(r.errors?.[0]?.extensions?.field).toBe("displayName");
    }
    // 100 characters in another script is fine (characters, not bytes or UTF-16 units).
    const long = await server.gql<Profile>(
      MY_PROFILE,
      { n: "é".repeat(100) },
      { token: dee.token },
    );
    expect(long.errors).toBeUndefined();
    const anon = await server.gql(MY_PROFILE, { n: "Nobody" });
    expect(errorCode(anon)).toBe("UNAUTHENTICATED");
  });

  it("a superuser edits it with updateUser (same rules, audited as the admin)", async () => {
    const eve = await person(server, admin, "eve");
    const r = await server.gql<{ updateUser: { displayName: string } }>(
      UPDATE,
      { id: eve.id, input: { displayName: "Eve Admin-Set" } },
      { token: admin },
    );
    expect(r.errors).toBeUndefined();
    expect(r.data?.updateUser.displayName).toBe("Eve Admin-Set");
    expect(await remoteName(server, eve.cookie)).toBe("Eve Admin-Set");
    const bad = await server.gql(
      UPDATE,
      { id: eve.id, input: { displayName: "\u0007" } },
      { token: admin },
    );
    expect(errorCode(bad)).toBe("BAD_USER_INPUT");
    expect(bad.errors?.[0]?.extensions?.field).toBe("displayName");
    const notAdmin = await server.gql(
      UPDATE,
      { id: eve.id, input: { displayName: "Hacked" } },
      { token: dee.token },
    );
    expect(errorCode(notAdmin)).toBe("FORBIDDEN");
    const adminId = (await server.app.services.users.findByUsername("admin"))!.id;
    const audit = await server.gql<Audit>(AUDIT, { t: "eve" }, { token: admin });
    expect(audit.data?.auditLog.edges.map((e) => e.node)).toContainEqual(
      expect.objectContaining({
        actorId: adminId,
        targetId: eve.id,
        detail: 'eve: display name set to "Eve Admin-Set"',
      }),
    );
  });

  it("is the OIDC name claim, or the username when unset", async () => {
    const web: MadeClient = await createClient(server, admin, {
      name: "Web",
      redirectUris: [REDIRECT],
      firstParty: true,
    });
    const rp = await relyingParty(server, web);
    const nameOf = async (p: Person) => {
      const { landed, verifier, state } = await authorize(
        server,
        rp,
        new CookieBrowser(server.url, p.cookie),
      );
      const tokens = await client.authorizationCodeGrant(rp, new URL(landed.url), {
        pkceCodeVerifier: verifier,
        expectedState: state,
      });
      const info = await client.fetchUserInfo(rp, tokens.access_token, p.id);
      expect(tokens.claims()?.name).toBe(info.name);
      return info.name;
    };
    const fay = await person(server, admin, "fay");
    expect(await nameOf(fay)).toBe("fay");
    await server.gql(MY_PROFILE, { n: "Fay Q." }, { token: fay.token });
    expect(await nameOf(fay)).toBe("Fay Q.");
  });
});
