import * as client from "openid-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createUser,
  signIn,
  startAuthenticatedServer,
} from "../../../test/accounts/accounts-helpers.js";
import {
  adminToken,
  authorize,
  CookieBrowser,
  createClient,
  type MadeClient,
  REDIRECT,
  relyingParty,
} from "../../../test/helpers/oidc-rp.js";
import type { TestServer } from "../../../test/helpers/test-server.js";

// Issue 15: an OIDC client linked to a registered app hands tokens only to the users the
// app's access rule admits, at the authorization and again at every refresh.

let server: TestServer;
let token: string;
let groupId: string;
let linked: MadeClient;
let superOnly: MadeClient;
let plain: MadeClient;
const INSIDE = { username: "inside", password: "inside-password-1" };
const OUTSIDE = { username: "outside", password: "outside-password-1" };
let insideId: string;

async function gql<T>(query: string, variables: Record<string, unknown>): Promise<T> {
  const r = await server.gql<T>(query, variables, { token });
  expect(r.errors).toBeUndefined();
  return r.data!;
}

async function createApp(name: string, access: string, groupNames: string[]): Promise<string> {
  const d = await gql<{ createApp: { id: string } }>(
    `mutation($input: AppInput!) { createApp(input: $input) { id } }`,
    { input: { name, access, groupNames, hosts: [`${name.toLowerCase()}.example.com`] } },
  );
  return d.createApp.id;
}

beforeAll(async () => {
  server = await startAuthenticatedServer();
  token = await adminToken(server);
  insideId = await createUser(server, token, { ...INSIDE, isActive: true });
  await createUser(server, token, { ...OUTSIDE, isActive: true });
  const g = await gql<{ createGroup: { id: string } }>(
    `mutation($input: CreateGroupInput!) { createGroup(input: $input) { id } }`,
    { input: { name: "wiki-users" } },
  );
  groupId = g.createGroup.id;
  await gql(`mutation($g: ID!, $u: [ID!]!) { addGroupMembers(groupId: $g, userIds: $u) { id } }`, {
    g: groupId,
    u: [insideId],
  });
  const base = { redirectUris: [REDIRECT], firstParty: true };
  linked = await createClient(server, token, {
    ...base,
    name: "Wiki",
    appId: await createApp("Wiki", "GROUPS", ["wiki-users"]),
  });
  plain = await createClient(server, token, { ...base, name: "No app" });
  superOnly = await createClient(server, token, {
    ...base,
    name: "Admin tool",
    appId: await createApp("Admintool", "SUPERUSERS", []),
  });
});
afterAll(() => server?.close());

async function browserFor(who: { username: string; password: string }) {
  const s = await signIn(server, who.username, who.password);
  return new CookieBrowser(server.url, s.setCookie ?? undefined);
}

describe("the app's access rule applies to OIDC tokens", () => {
  it("a member gets tokens; taken out of the group, the next refresh and userinfo fail", async () => {
    const rp = await relyingParty(server, linked);
    const { landed, verifier, state } = await authorize(server, rp, await browserFor(INSIDE));
    const tokens = await client.authorizationCodeGrant(rp, new URL(landed.url), {
      pkceCodeVerifier: verifier,
      expectedState: state,
    });
    expect(tokens.claims()!.groups).toEqual(["wiki-users"]);
    const refreshed = await client.refreshTokenGrant(rp, tokens.refresh_token!);
    expect(refreshed.access_token).toBeTruthy();

    await gql(
      `mutation($g: ID!, $u: [ID!]!) { removeGroupMembers(groupId: $g, userIds: $u) { id } }`,
      { g: groupId, u: [insideId] },
    );
    await expect(client.refreshTokenGrant(rp, refreshed.refresh_token!)).rejects.toMatchObject({
      error: "invalid_grant",
    });
    await expect(
      client.fetchUserInfo(rp, refreshed.access_token, tokens.claims()!.sub),
    ).rejects.toMatchObject({ status: 401 });

    // Back in the group: a new authorization works again (nothing was cached).
    await gql(
      `mutation($g: ID!, $u: [ID!]!) { addGroupMembers(groupId: $g, userIds: $u) { id } }`,
      {
        g: groupId,
        u: [insideId],
      },
    );
    const again = await authorize(server, rp, await browserFor(INSIDE));
    expect(new URL(again.landed.url).searchParams.get("code")).toBeTruthy();
  });

  it("a user outside the app's groups gets access_denied at the redirect URI, no code", async () => {
    const rp = await relyingParty(server, linked);
    const { landed, state } = await authorize(server, rp, await browserFor(OUTSIDE));
    expect(landed.url.startsWith(REDIRECT)).toBe(true);
    const params = new URL(landed.url).searchParams;
    expect(params.get("error")).toBe("access_denied");
    expect(params.get("error_description")).toMatch(/not in a group that may use "Wiki"/);
    expect(params.get("state")).toBe(state);
    expect(params.get("code")).toBeNull();
  });

  it("a SUPERUSERS app refuses a plain user, even one who already has a provider session", async () => {
    const rp = await relyingParty(server, superOnly);
    const browser = await browserFor(OUTSIDE);
    // A provider session from a client linked to no app first: single sign-on is in place.
    const first = await authorize(server, await relyingParty(server, plain), browser);
    expect(new URL(first.landed.url).searchParams.get("code")).toBeTruthy();
    const { landed } = await authorize(server, rp, browser, { prompt: "login" });
    const params = new URL(landed.url).searchParams;
    expect(params.get("error")).toBe("access_denied");
    expect(params.get("error_description")).toMatch(/superusers/);
    // Without prompt=consent either: the existing session alone never skips the rule.
    const quiet = await authorize(server, rp, browser, { prompt: "" });
    expect(new URL(quiet.landed.url).searchParams.get("error")).toBe("access_denied");
  });
});
