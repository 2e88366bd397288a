import { expect } from "vitest";
import { ADMIN, createUser, signIn } from "../accounts/accounts-helpers.js";
import { rawRequest } from "../helpers/raw-http.js";
import type { TestServer } from "../helpers/test-server.js";

export { ADMIN };

export const USER_PASSWORD = "verify-user-password-7";

/** A browser navigation, as Chromium sends it. */
export const NAVIGATION = {
  accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
  "sec-fetch-mode": "navigate",
};

/** A script's fetch() from a page. */
export const XHR = { accept: "application/json", "sec-fetch-mode": "cors" };

export interface Person {
  id: string;
  username: string;
  token: string;
  /** `name=value` for a Cookie header. */
  cookie: string;
}

/** The superuser's token (creates users, revokes, deactivates). */
export async function adminToken(server: TestServer): Promise<string> {
  return (await signIn(server, ADMIN.username, ADMIN.password)).token;
}

/** Creates an active user with a password and signs them in over GraphQL. */
export async function person(
  server: TestServer,
  admin: string,
  username: string,
  email: string | null = `${username}@example.com`,
): Promise<Person> {
  const id = await createUser(server, admin, {
    username,
    email,
    password: USER_PASSWORD,
    isActive: true,
  });
  const s = await signIn(server, username, USER_PASSWORD);
  const cookie = (s.setCookie ?? "").split(";")[0] ?? "";
  expect(cookie).toMatch(/gatehouse_session=/);
  return { id, username, token: s.token, cookie };
}

export async function setActive(
  server: TestServer,
  admin: string,
  userId: string,
  active: boolean,
) {
  const r = await server.gql(
    "mutation($u: ID!, $a: Boolean!) { setActive(userId: $u, active: $a) { id } }",
    { u: userId, a: active },
    { token: admin },
  );
  expect(r.errors).toBeUndefined();
}

/** Revokes the session behind `token` (as its owner). */
export async function revokeOwnSession(server: TestServer, token: string): Promise<void> {
  const list = await server.gql<{ mySessions: { id: string; current: boolean }[] }>(
    "{ mySessions { id current } }",
    {},
    { token },
  );
  const current = list.data?.mySessions.find((s) => s.current);
  if (!current) throw new Error("no current session");
  const r = await server.gql(
    "mutation($id: ID!) { revokeSession(id: $id) }",
    { id: current.id },
    { token },
  );
  expect(r.errors).toBeUndefined();
}

/** Creates an API key for the caller (or the named service account); returns the key and id. */
export async function createApiKey(
  server: TestServer,
  token: string,
  name: string,
): Promise<{ key: string; id: string }> {
  const r = await server.gql<{ createApiKey: { key: string; apiKey: { id: string } } }>(
    "mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { key apiKey { id } } }",
    { i: { name } },
    { token },
  );
  expect(r.errors).toBeUndefined();
  const created = r.data?.createApiKey;
  if (!created) throw new Error("createApiKey returned nothing");
  return { key: created.key, id: created.apiKey.id };
}

export async function revokeApiKey(server: TestServer, token: string, id: string): Promise<void> {
  const r = await server.gql("mutation($id: ID!) { revokeApiKey(id: $id) }", { id }, { token });
  expect(r.errors).toBeUndefined();
}

/** Creates a group with these members (superuser token); returns its id. */
export async function groupWith(
  server: TestServer,
  admin: string,
  name: string,
  userIds: string[],
): Promise<string> {
  const g = await server.gql<{ createGroup: { id: string } }>(
    "mutation($i: CreateGroupInput!) { createGroup(input: $i) { id } }",
    { i: { name } },
    { token: admin },
  );
  expect(g.errors).toBeUndefined();
  const id = g.data?.createGroup.id ?? "";
  const m = await server.gql(
    "mutation($g: ID!, $u: [ID!]!) { addGroupMembers(groupId: $g, userIds: $u) { id } }",
    { g: id, u: userIds },
    { token: admin },
  );
  expect(m.errors).toBeUndefined();
  return id;
}

/** /auth/verify's status for these credentials, asked as a proxy on loopback would. */
export async function verifyStatus(
  server: TestServer,
  credentials: Record<string, string>,
  host = "chat.example.test",
): Promise<number> {
  const r = await rawRequest(server.url, "/auth/verify", {
    headers: { ...XHR, ...credentials, "x-forwarded-host": host },
  });
  return r.status;
}

/** Asks twice and checks that the second answer came from memory (so a test means something). */
export async function warm(
  server: TestServer,
  credentials: Record<string, string>,
  host?: string,
): Promise<number> {
  const stats = server.app.services.verify.cache.stats;
  const first = await verifyStatus(server, credentials, host);
  const hits = stats.hits;
  expect(await verifyStatus(server, credentials, host)).toBe(first);
  expect(stats.hits).toBeGreaterThan(hits);
  return first;
}
